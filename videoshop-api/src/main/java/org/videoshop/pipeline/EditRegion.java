package org.videoshop.pipeline;

import org.videoshop.tensor.Video;

/**
 * The automatic edit region of detail mode: where the propagated change |E - R| (edit minus reconstruction, at
 * the working size) is visible. Per pixel the change's magnitude (largest over the three channels, in [0, 1]
 * units) is smoothed by a box of radius r, turned into a weight that is 0 at or below {@link #THRESHOLD} and
 * rises linearly to 1 at twice it, dilated by a box maximum of radius r in space and of {@link #TEMPORAL_RADIUS}
 * frames in time, and feathered by a box blur of radius r. With r = max(1, round(min(w, h) / 48)) (1 for the
 * tiny model's 40x24, 12 for SVD's 1024x576). Weights are exactly 0 wherever no pixel within reach changed by more
 * than the threshold, so the output copies the source there bit for bit. Stateless.
 */
public final class EditRegion {

    /**
     * Smoothed change below which a pixel is outside the region: 0.04 of the full range (about 10 of 255 levels).
     * On the tiny model, the edit's change outside what the user touched stays below about 0.02 on most pixels
     * (conditioning on an edited frame moves the whole clip slightly), while a recolour moves its region by
     * 0.1 to 0.5.
     */
    public static final float THRESHOLD = 0.04f;

    /**
     * The threshold of a frame is at least this many times the frame's median smoothed change: a local edit leaves
     * most of the frame untouched, so the median measures how much the model moves what was not edited (on the
     * tiny model, real photographs at 40x24: 0.05 to 0.12 of the range, as much as some edits).
     */
    public static final float NOISE_FACTOR = 2.5f;

    /** Fraction of the frame the user's change must cover for the edit to count as global (region = all). */
    public static final float GLOBAL_COVERAGE = 0.5f;

    /** Frames either side over which the region is dilated in time (so it does not flicker). */
    public static final int TEMPORAL_RADIUS = 1;

    private EditRegion() {
    }

    /** The spatial radius r for a working size of width x height. */
    public static int radius(int width, int height) {
        return Math.max(1, Math.round(Math.min(width, height) / 48f));
    }

    /**
     * Region weights [frames, height, width] in [0, 1] of a window's difference clip D (edit minus reconstruction).
     *
     * @param userChange the user's change where the window begins (condition minus source frame, planar RGB at the
     *                   working size): when it is visible on more than {@link #GLOBAL_COVERAGE} of the frame the edit
     *                   is global and the region is the whole frame
     */
    public static float[] weights(Video difference, float[] userChange) {
        int w = difference.width();
        int h = difference.height();
        int plane = w * h;
        int frames = difference.frames();
        int r = radius(w, h);
        float[] out = new float[frames * plane];
        if (coverage(smoothedMagnitude(userChange, 0, w, h, r)) > GLOBAL_COVERAGE) {
            java.util.Arrays.fill(out, 1f);
            return out;
        }
        float[] ramp = new float[frames * plane];
        float[] d = difference.data();
        for (int t = 0; t < frames; t++) {
            float[] smooth = smoothedMagnitude(d, t * 3 * plane, w, h, r);
            float threshold = Math.max(THRESHOLD, NOISE_FACTOR * median(smooth));
            for (int i = 0; i < plane; i++) {
                ramp[t * plane + i] = Math.min(1f, Math.max(0f, (smooth[i] - threshold) / threshold));
            }
        }
        float[] m = new float[plane];
        for (int t = 0; t < frames; t++) {
            java.util.Arrays.fill(m, 0f);
            for (int u = Math.max(0, t - TEMPORAL_RADIUS); u <= Math.min(frames - 1, t + TEMPORAL_RADIUS); u++) {
                for (int i = 0; i < plane; i++) {
                    m[i] = Math.max(m[i], ramp[u * plane + i]);
                }
            }
            float[] feathered = boxMean(boxMax(m, w, h, r), w, h, r);
            System.arraycopy(feathered, 0, out, t * plane, plane);
        }
        return out;
    }

    /** Largest absolute value over the three channels of the planar RGB frame at {@code offset}, box-smoothed. */
    static float[] smoothedMagnitude(float[] rgb, int offset, int w, int h, int r) {
        int plane = w * h;
        float[] a = new float[plane];
        for (int i = 0; i < plane; i++) {
            a[i] = Math.max(Math.abs(rgb[offset + i]), Math.max(Math.abs(rgb[offset + plane + i]),
                    Math.abs(rgb[offset + 2 * plane + i])));
        }
        return boxMean(a, w, h, r);
    }

    private static float coverage(float[] magnitude) {
        int n = 0;
        for (float v : magnitude) {
            if (v > THRESHOLD) {
                n++;
            }
        }
        return n / (float) magnitude.length;
    }

    private static float median(float[] values) {
        float[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Separable box mean of radius r, windows clipped at the border (exactly 0 where every value in reach is 0). */
    static float[] boxMean(float[] p, int w, int h, int r) {
        float[] tmp = new float[p.length];
        float[] out = new float[p.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                int n = 0;
                for (int xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
                    s += p[y * w + xx];
                    n++;
                }
                tmp[y * w + x] = (float) (s / n);
            }
        }
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                double s = 0;
                int n = 0;
                for (int yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
                    s += tmp[yy * w + x];
                    n++;
                }
                out[y * w + x] = (float) Math.min(1.0, s / n);
            }
        }
        return out;
    }

    /** Separable box maximum of radius r. */
    static float[] boxMax(float[] p, int w, int h, int r) {
        float[] tmp = new float[p.length];
        float[] out = new float[p.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float m = 0f;
                for (int xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
                    m = Math.max(m, p[y * w + xx]);
                }
                tmp[y * w + x] = m;
            }
        }
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                float m = 0f;
                for (int yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
                    m = Math.max(m, tmp[yy * w + x]);
                }
                out[y * w + x] = m;
            }
        }
        return out;
    }
}
