package org.videoshop.pipeline;

import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Images;

/**
 * The automatic edit region of detail mode, followed through the clip. In frame 0 the region is known exactly: the
 * pixels the user changed (|edited - source| above {@link #CHANGE_LEVEL}, largest over the channels). It is held at
 * a tracking size (the clip's aspect, long side at most {@link #TRACKING_SIDE}) and carried to every later frame by
 * a {@link Similarity} from frame 0 (scale, rotation, translation; {@link SimilarityFit}: a translation search
 * around a constant-velocity prediction, then Lucas-Kanade refinement, Huber-weighted). Two are tracked: the
 * camera's (fitted over the whole frame, so zooms and rolls are followed) and the region's own (fitted to the source
 * under the region, at the camera's scale); the region follows its own only where more of the source under the region
 * is clearly better explained by it than by the camera's, pixel by pixel and summed over the frames so far
 * ({@link #OWN_MAJORITY}): an edit fixed in the scene follows the camera, an edited moving object follows the object,
 * even when the region also holds background showing around the object (a replacement larger than what it
 * replaces, a soft outline) or an object passing in front.
 * Frame 0's region is resampled once per frame through the chosen transform (no blur builds up over the clip) and
 * widened by the fit's position uncertainty ({@link RegionWarp}).
 *
 * <p>The region does not come from the model's propagated change: a small model moves the change to the wrong place
 * (on the tiny model it does not follow a camera pan), and a region drawn around that change spilled the change over
 * footage the user never touched. Outside the region the output is the source bit for bit (weights exactly 0).
 *
 * <p>{@link #regeneration()} says how much of the region's content should come from the model's regeneration rather
 * than from the source's own detail: 0 when the edit kept the source's texture (a recolour: the source's fine detail
 * is right under the new colour), 1 when it replaced it (an object added, removed or replaced: the source's detail
 * there is the old content's). It is measured once in frame 0, as the correlation of the source's and the edited
 * frame's fine detail (grey level minus a local mean) over the changed pixels.
 *
 * <p>One per edit, fed the source frames in order; not thread-safe. Arrays returned are new and owned by the caller.
 */
public final class EditRegion {

    /** Longest side of the tracking size, in pixels (smaller clips are tracked at their own size). */
    public static final int TRACKING_SIDE = 256;
    /** Change of frame 0 below which a pixel is untouched, in [0, 1] units (3 of 255 levels); full weight at twice. */
    public static final float CHANGE_LEVEL = 3f / 255f;
    /** Fraction of frame 0 the user's change must cover for the edit to count as global (region = everything). */
    public static final float GLOBAL_COVERAGE = 0.5f;
    /**
     * The region follows its own motion only while the share of the source under it that its own motion explains
     * clearly better than the camera's is more than this many times the share the camera's explains clearly better,
     * both summed over the frames so far (so one frame where a passing object hides the region does not switch it).
     * A vote of pixels, not a ratio of mean residuals: with a ratio, the part of a region that moves with the camera
     * (background around an edited object) kept an object's own motion from winning however well it fitted.
     */
    public static final float OWN_MAJORITY = 1.5f;
    /**
     * ...and by at least this share of the region per voting frame (so that a few pixels' noise, where the two
     * motions nearly agree, does not switch it).
     */
    public static final float OWN_MARGIN = 0.1f;
    /**
     * A frame votes only where the region's own fit matches at least this share of the source under the region: an
     * added object's region holds whatever is behind it, which may be pieces moving apart (a sprite passing behind
     * a fixed added object), and a motion fitted to a minority of it says nothing about the edit's.
     */
    public static final float VOTING_MATCH = 0.5f;
    /**
     * The region's own fit is trusted only in frames where the share of the region's source it matches closely is at
     * least this fraction of the best share so far; below it the region is taken as hidden (an object passing behind
     * another, or out of view), its own motion is carried on at constant velocity and the frame casts no vote: a fit
     * to the few pixels left wanders off with them.
     */
    public static final float HIDDEN = 0.6f;
    /** Frames (seen ones) over which the region's own motion per frame is averaged to carry it on while hidden. */
    public static final int VELOCITY_SPAN = 4;
    /** Translation search reach around the prediction, as a fraction of the tracking size's long side (at least 3). */
    public static final float REACH = 0.05f;
    /**
     * The camera is tracked from frame 0 (where a moving object is not where it is later, so it cannot pass for the
     * camera) until less than this fraction of that frame is still in view; then from the frame it last reached.
     */
    public static final float KEY_FRAME_OVERLAP = 0.6f;
    /** Fine-detail correlation at or above which the edit kept the texture (regeneration weight 0). */
    public static final float KEPT_TEXTURE = 0.9f;
    /** Fine-detail correlation at or below which the edit replaced the texture (regeneration weight 1). */
    public static final float REPLACED_TEXTURE = 0.4f;

    private final int width;
    private final int height;
    private final int reach;
    private final boolean global;
    private final float regeneration;
    private final float[] first;
    private final float[] camera;
    private final float[] template;
    private float[] region;
    private float[] keyFrame;
    private Similarity key = Similarity.IDENTITY;
    private double keyVariance;
    private Similarity scene = Similarity.IDENTITY;
    private Similarity sceneBefore = Similarity.IDENTITY;
    private Similarity own = Similarity.IDENTITY;
    private Similarity ownBefore = Similarity.IDENTITY;
    private double ownMatchedBest;
    private double ownSpread;
    /**
     * The region's own motion relative to the camera's (from frame 0, in frame 0's coordinates: own = camera after
     * it) in the frames where it was in view (frame 0: the identity), and those frames.
     */
    private final java.util.List<Similarity> seen = new java.util.ArrayList<>(java.util.List.of(Similarity.IDENTITY));
    private final java.util.List<Integer> seenAt = new java.util.ArrayList<>(java.util.List.of(0));
    private int frameIndex;
    private int votingFrames;
    private double ownVotes;
    private double sceneVotes;

    private EditRegion(int width, int height, float[] region, float[] template, boolean global, float regeneration) {
        this.width = width;
        this.height = height;
        this.reach = Math.max(3, Math.round(REACH * Math.max(width, height)));
        this.first = region.clone();
        this.region = region;
        this.template = template;
        this.keyFrame = template;
        this.global = global;
        this.regeneration = regeneration;
        this.camera = new float[width * height];
        int m = Math.min(reach, Math.min(width, height) / 4);
        for (int y = m; y < height - m; y++) {
            for (int x = m; x < width - m; x++) {
                camera[y * width + x] = 1f;
            }
        }
    }

    /** The tracking size's width and height for a clip of width x height. */
    public static int[] trackingSize(int width, int height) {
        double s = Math.min(1.0, TRACKING_SIDE / (double) Math.max(width, height));
        return new int[] {Math.max(1, (int) Math.round(width * s)), Math.max(1, (int) Math.round(height * s))};
    }

    /**
     * The region of a clip whose first source frame is {@code source0} and whose user-edited first frame is
     * {@code edited} (same size, full resolution).
     */
    public static EditRegion start(Frame source0, Frame edited) {
        if (source0.width() != edited.width() || source0.height() != edited.height()) {
            throw new IllegalArgumentException("Expected the edited first frame to be " + source0.width() + "x"
                    + source0.height() + " like the source but found " + edited.width() + "x" + edited.height());
        }
        int w = source0.width();
        int h = source0.height();
        int plane = w * h;
        float[] s = source0.data();
        float[] e = edited.data();
        float[] changed = new float[plane];
        for (int i = 0; i < plane; i++) {
            float c = Math.max(Math.abs(e[i] - s[i]), Math.max(Math.abs(e[plane + i] - s[plane + i]),
                    Math.abs(e[2 * plane + i] - s[2 * plane + i])));
            changed[i] = Math.min(1f, Math.max(0f, (c - CHANGE_LEVEL) / CHANGE_LEVEL));
        }
        int[] size = trackingSize(w, h);
        float[] region = Images.resizePlane(changed, w, h, size[0], size[1]);
        int inside = 0;
        for (float v : region) {
            if (v > 0.5f) {
                inside++;
            }
        }
        boolean global = inside > GLOBAL_COVERAGE * region.length;
        if (global) {
            java.util.Arrays.fill(region, 1f);
        }
        float kept = textureCorrelation(source0, edited, changed);
        float regeneration = Math.min(1f, Math.max(0f, (KEPT_TEXTURE - kept) / (KEPT_TEXTURE - REPLACED_TEXTURE)));
        return new EditRegion(size[0], size[1], region, track(source0, size), global, regeneration);
    }

    /** Width of the region's planes. */
    public int width() {
        return width;
    }

    /** Height of the region's planes. */
    public int height() {
        return height;
    }

    /** Whether the edit covers most of frame 0, so the region is every pixel of every frame. */
    public boolean global() {
        return global;
    }

    /** How much of the region's content comes from the regeneration rather than the source's detail, in [0, 1]. */
    public float regeneration() {
        return regeneration;
    }

    /** The region of frame 0, width x height weights in [0, 1]. */
    public float[] first() {
        return first.clone();
    }

    /**
     * The region of the next source frame (full resolution): frame 0's region carried by the transform from frame 0
     * that explains the source under it, the scene's or the region's own, widened by that transform's uncertainty.
     */
    public float[] next(Frame source) {
        float[] frame = track(source, new int[] {width, height});
        if (global || !any(first)) {
            return region.clone();
        }
        // the camera from a key frame (frame 0 until too little of it is still in view), the region's own from frame 0
        Similarity toKey = key.inverse();
        SimilarityFit.Fit step = SimilarityFit.fit(keyFrame, camera, frame, width, height,
                toKey.then(scene.extrapolated(sceneBefore)), reach, Double.NaN);
        sceneBefore = scene;
        scene = key.then(step.motion());
        double sceneSpread = Math.sqrt(keyVariance + step.spread() * step.spread());
        if (SimilarityFit.inside(camera, width, height, step.motion()) < KEY_FRAME_OVERLAP) {
            keyFrame = frame;
            key = scene;
            keyVariance = sceneSpread * sceneSpread;
        }
        Similarity predicted = own.extrapolated(ownBefore);
        SimilarityFit.Fit ownFit = SimilarityFit.fit(template, first, frame, width, height, predicted, reach,
                scene.scale());
        double matched = SimilarityFit.matched(template, first, frame, width, height, ownFit.motion());
        ownMatchedBest = Math.max(ownMatchedBest, matched);
        ownBefore = own;
        frameIndex++;
        if (matched >= HIDDEN * ownMatchedBest) {
            own = ownFit.motion();
            ownSpread = ownFit.spread();
            seen.add(own.then(scene.inverse()));
            seenAt.add(frameIndex);
            if (matched >= VOTING_MATCH) {
                double[] votes = SimilarityFit.preference(template, first, frame, width, height, own, scene);
                ownVotes += votes[0];
                sceneVotes += votes[1];
                votingFrames++;
            }
        } else {
            own = carriedOn();
        }
        boolean followOwn = ownVotes - OWN_MAJORITY * sceneVotes > OWN_MARGIN * votingFrames;
        Similarity chosen = followOwn ? own : scene;
        double spread = followOwn ? ownSpread : sceneSpread;
        region = RegionWarp.carry(first, width, height, chosen, spread);
        return region.clone();
    }

    /**
     * The region's own transform in this frame while it is hidden: its mean motion per frame relative to the scene
     * over the last {@link #VELOCITY_SPAN} frames it was seen in (fits to a partly hidden object are noisier than
     * that), carried on from the last of them, seen through the camera of this frame (an object keeps its pace in the
     * scene while the camera speeds up or slows down).
     */
    private Similarity carriedOn() {
        int last = seen.size() - 1;
        int from = Math.max(0, last - VELOCITY_SPAN);
        int span = seenAt.get(last) - seenAt.get(from);
        Similarity relative = seen.get(last);
        if (span > 0) {
            Similarity step = seen.get(from).inverse().then(seen.get(last)).power(1.0 / span);
            relative = relative.then(step.power(frameIndex - seenAt.get(last)));
        }
        return relative.then(scene);
    }

    private static boolean any(float[] a) {
        for (float v : a) {
            if (v != 0f) {
                return true;
            }
        }
        return false;
    }

    private static float[] track(Frame frame, int[] size) {
        return Images.resize(frame, size[0], size[1]).data();
    }

    /**
     * Correlation, over the changed pixels (weights above one half), of the fine detail (grey minus its 5x5 mean) of
     * the source and of the edited frame; 1 when nothing changed.
     */
    static float textureCorrelation(Frame source, Frame edited, float[] changed) {
        int w = source.width();
        int h = source.height();
        float[] a = detail(source);
        float[] b = detail(edited);
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < changed.length; i++) {
            if (changed[i] > 0.5f) {
                ab += a[i] * b[i];
                aa += a[i] * a[i];
                bb += b[i] * b[i];
            }
        }
        return aa == 0 || bb == 0 ? 1f : (float) (ab / Math.sqrt(aa * bb));
    }

    private static float[] detail(Frame f) {
        int w = f.width();
        int h = f.height();
        int plane = w * h;
        float[] d = f.data();
        float[] grey = new float[plane];
        for (int i = 0; i < plane; i++) {
            grey[i] = 0.299f * d[i] + 0.587f * d[plane + i] + 0.114f * d[2 * plane + i];
        }
        float[] mean = boxMean(grey, w, h, 2);
        for (int i = 0; i < plane; i++) {
            grey[i] -= mean[i];
        }
        return grey;
    }

    /** Separable box mean of radius r, windows clipped at the border. */
    static float[] boxMean(float[] p, int w, int h, int r) {
        float[] tmp = new float[p.length];
        float[] out = new float[p.length];
        for (int y = 0; y < h; y++) {
            double s = 0;
            int lo = 0;
            int hi = -1;
            for (int x = 0; x < w; x++) {
                while (hi < Math.min(w - 1, x + r)) {
                    s += p[y * w + ++hi];
                }
                while (lo < x - r) {
                    s -= p[y * w + lo++];
                }
                tmp[y * w + x] = (float) (s / (hi - lo + 1));
            }
        }
        for (int x = 0; x < w; x++) {
            double s = 0;
            int lo = 0;
            int hi = -1;
            for (int y = 0; y < h; y++) {
                while (hi < Math.min(h - 1, y + r)) {
                    s += tmp[++hi * w + x];
                }
                while (lo < y - r) {
                    s -= tmp[lo++ * w + x];
                }
                out[y * w + x] = (float) (s / (hi - lo + 1));
            }
        }
        return out;
    }
}
