package org.videoshop.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.videoshop.tensor.Frame;

/**
 * The edit region on synthetic clips whose true region is known in every frame: a camera that zooms, rolls and pans
 * over a textured scene, with a textured object moving fast and turning across it. The region must cover the true
 * region (weights of at least one half on nearly all of it) without spilling more than a pixel or two past it.
 */
class EditRegionTrackingTest {

    static final int W = 160;
    static final int H = 96;
    static final int SCENE = 320;
    static final double RADIUS = 15;

    /** A smooth random RGB texture of s x s, read bilinearly with its edge repeated. */
    record Texture(float[] rgb, int s) {
        static Texture random(Random r, int s, int blur) {
            float[] t = new float[3 * s * s];
            for (int i = 0; i < t.length; i++) {
                t[i] = r.nextFloat();
            }
            float[] out = new float[t.length];
            for (int c = 0; c < 3; c++) {
                float[] plane = new float[s * s];
                System.arraycopy(t, c * s * s, plane, 0, s * s);
                plane = EditRegion.boxMean(EditRegion.boxMean(plane, s, s, blur), s, s, blur);
                System.arraycopy(plane, 0, out, c * s * s, s * s);
            }
            return new Texture(out, s);
        }

        float at(int c, double x, double y) {
            x = Math.max(0, Math.min(s - 1.001, x));
            y = Math.max(0, Math.min(s - 1.001, y));
            int x0 = (int) x;
            int y0 = (int) y;
            double fx = x - x0;
            double fy = y - y0;
            int o = c * s * s + y0 * s + x0;
            return (float) ((1 - fx) * (1 - fy) * rgb[o] + fx * (1 - fy) * rgb[o + 1] + (1 - fx) * fy * rgb[o + s]
                    + fx * fy * rgb[o + s + 1]);
        }
    }

    /**
     * A clip: the camera maps scene points to frame t's pixels, the object's pose maps its own coordinates (a disc of
     * {@link #RADIUS} about 0) to scene points; null object for a scene without one.
     */
    record Clip(Texture scene, Texture object, Similarity[] camera, Similarity[] pose) {

        Frame frame(int t) {
            Similarity toScene = camera[t].inverse();
            Similarity toObject = object == null ? null : pose[t].inverse();
            float[] f = new float[3 * W * H];
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    double sx = toScene.x(x, y);
                    double sy = toScene.y(x, y);
                    boolean onObject = false;
                    double ox = 0;
                    double oy = 0;
                    if (toObject != null) {
                        ox = toObject.x(sx, sy);
                        oy = toObject.y(sx, sy);
                        onObject = Math.hypot(ox, oy) < RADIUS;
                    }
                    for (int c = 0; c < 3; c++) {
                        f[c * W * H + y * W + x] = onObject ? object.at(c, ox + object.s() / 2.0, oy + object.s() / 2.0)
                                : scene.at(c, sx, sy);
                    }
                }
            }
            return new Frame(H, W, f);
        }

        /** Where the disc of {@code centre} (scene coordinates, or the object's when there is one) is in frame t. */
        boolean[] truth(int t, double cx, double cy) {
            Similarity toScene = camera[t].inverse();
            Similarity toObject = object == null ? null : pose[t].inverse();
            boolean[] in = new boolean[W * H];
            for (int p = 0; p < in.length; p++) {
                double sx = toScene.x(p % W, p / W);
                double sy = toScene.y(p % W, p / W);
                double ox = toObject == null ? sx : toObject.x(sx, sy);
                double oy = toObject == null ? sy : toObject.y(sx, sy);
                in[p] = Math.hypot(ox - cx, oy - cy) < RADIUS;
            }
            return in;
        }
    }

    /** Frame 0 recoloured (redder, less blue) inside {@code region}. */
    static Frame recolour(Frame f, boolean[] region) {
        float[] d = f.data().clone();
        int plane = W * H;
        for (int i = 0; i < plane; i++) {
            if (region[i]) {
                d[i] = Math.min(1f, d[i] + 0.3f);
                d[2 * plane + i] = Math.max(0f, d[2 * plane + i] - 0.3f);
            }
        }
        return new Frame(H, W, d);
    }

    /** Camera zooming from 1 to {@code zoom}, rolling to {@code roll} radians and panning by (px, py) over t frames. */
    static Similarity[] camera(int frames, double zoom, double roll, double px, double py) {
        Similarity[] out = new Similarity[frames];
        for (int t = 0; t < frames; t++) {
            double u = t / (frames - 1.0);
            double k = 1 + (zoom - 1) * u;
            double a = roll * u;
            double c = k * Math.cos(a);
            double s = k * Math.sin(a);
            // the view centre travels from the scene's centre by (px, py); it lands on the frame's centre
            double vx = SCENE / 2.0 + px * u;
            double vy = SCENE / 2.0 + py * u;
            out[t] = new Similarity(c, s, W / 2.0 - (c * vx - s * vy), H / 2.0 - (s * vx + c * vy));
        }
        return out;
    }

    /**
     * Coverage: the fraction of the true region's inside (its pixels all of whose neighbours are in it too) weighted
     * at least one half; spill: non-zero weights more than 2 px outside it, as a fraction of its area.
     */
    static double[] coverageAndSpill(float[] region, boolean[] truth) {
        boolean[] near = new boolean[truth.length];
        boolean[] inside = truth.clone();
        int r = 2;
        for (int p = 0; p < truth.length; p++) {
            if (!truth[p]) {
                continue;
            }
            for (int j = -r; j <= r; j++) {
                for (int i = -r; i <= r; i++) {
                    int x = p % W + i;
                    int y = p / W + j;
                    if (x >= 0 && y >= 0 && x < W && y < H) {
                        near[y * W + x] = true;
                        if (Math.abs(i) <= 1 && Math.abs(j) <= 1 && !truth[y * W + x]) {
                            inside[p] = false;
                        }
                    }
                }
            }
        }
        int area = 0;
        int interior = 0;
        int covered = 0;
        int spill = 0;
        for (int p = 0; p < truth.length; p++) {
            if (truth[p]) {
                area++;
            }
            if (inside[p]) {
                interior++;
                covered += region[p] >= 0.5f ? 1 : 0;
            } else if (!near[p] && region[p] > 0f) {
                spill++;
            }
        }
        return new double[] {covered / (double) interior, spill / (double) area};
    }

    @Test
    void aSceneFixedEditFollowsAZoomingRollingPanningCamera() {
        qt().withFixedSeed(23).withExamples(3).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            Texture scene = Texture.random(r, SCENE, 2);
            double zoom = 1.06 + 0.06 * r.nextDouble();
            double roll = Math.toRadians(2 + 2 * r.nextDouble()) * (r.nextBoolean() ? 1 : -1);
            Clip clip = new Clip(scene, null, camera(10, zoom, roll, 30 * r.nextDouble() - 15, 20 * r.nextDouble()
                    - 10), null);
            // a disc off the centre, so that the zoom moves it as well as scaling it
            double[] centre = new double[2];
            Similarity back = clip.camera()[0].inverse();
            centre[0] = back.x(W * 0.3, H * 0.4);
            centre[1] = back.y(W * 0.3, H * 0.4);
            Frame source0 = clip.frame(0);
            EditRegion region = EditRegion.start(source0, recolour(source0, clip.truth(0, centre[0], centre[1])));
            assertEquals(W, region.width(), "tracked at its own size");
            for (int t = 1; t < 10; t++) {
                double[] cs = coverageAndSpill(region.next(clip.frame(t)), clip.truth(t, centre[0], centre[1]));
                assertTrue(cs[0] > 0.97, "frame " + t + " (zoom " + zoom + "): coverage " + cs[0]);
                assertTrue(cs[1] < 0.03, "frame " + t + ": spill " + cs[1]);
            }
        });
    }

    @Test
    void anEditedObjectMovingFastAndTurningIsCoveredOverAPanningZoomingCamera() {
        qt().withFixedSeed(31).withExamples(3).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            Texture scene = Texture.random(r, SCENE, 2);
            Texture object = Texture.random(r, 48, 1);
            int frames = 10;
            Similarity[] camera = camera(frames, 1.08, Math.toRadians(2), 20, -8);
            Similarity[] pose = new Similarity[frames];
            Similarity back = camera[0].inverse();
            double x0 = back.x(W * 0.25, H * 0.5);
            double y0 = back.y(W * 0.25, H * 0.5);
            double spin = Math.toRadians(3 + 2 * r.nextDouble());
            for (int t = 0; t < frames; t++) {
                // 7 px a frame to the right and a little down, turning
                pose[t] = new Similarity(Math.cos(spin * t), Math.sin(spin * t), x0 + 7 * t, y0 + 1.5 * t);
            }
            Clip clip = new Clip(scene, object, camera, pose);
            Frame source0 = clip.frame(0);
            EditRegion region = EditRegion.start(source0, recolour(source0, clip.truth(0, 0, 0)));
            for (int t = 1; t < frames; t++) {
                double[] cs = coverageAndSpill(region.next(clip.frame(t)), clip.truth(t, 0, 0));
                assertTrue(cs[0] > 0.97, "frame " + t + ": coverage " + cs[0]);
                assertTrue(cs[1] < 0.03, "frame " + t + ": spill " + cs[1]);
            }
        });
    }
}
