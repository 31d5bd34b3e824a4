package org.videoshop.pipeline;

/**
 * Moves {@link EditRegion}'s frame-0 region to a later frame: resampled through a {@link Similarity} (once from frame
 * 0, so that carrying it through many frames does not blur it), then widened by the transform's uncertainty with a
 * grey dilation. Stateless; arrays returned are new.
 */
final class RegionWarp {

    /** Weights below this are dropped, so that bilinear tails do not creep outwards. */
    static final float FLOOR = 1e-3f;
    /** The region is widened by this many standard deviations of the fit's position uncertainty. */
    static final double SIGMAS = 2.0;
    /** The most it is widened, in tracking pixels. */
    static final int MAX_WIDENING = 3;

    private RegionWarp() {
    }

    /**
     * The w x h region {@code first} carried by {@code motion} (out(p) = first(motion^-1(p)), bilinear, 0 where that
     * falls outside), widened by {@link #SIGMAS} times {@code spread} pixels (rounded, at most
     * {@link #MAX_WIDENING}).
     */
    static float[] carry(float[] first, int w, int h, Similarity motion, double spread) {
        Similarity back = motion.inverse();
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double sx = back.x(x, y);
                double sy = back.y(x, y);
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                float fx = (float) (sx - x0);
                float fy = (float) (sy - y0);
                float v = (1 - fx) * (1 - fy) * at(first, w, h, x0, y0) + fx * (1 - fy) * at(first, w, h, x0 + 1, y0)
                        + (1 - fx) * fy * at(first, w, h, x0, y0 + 1) + fx * fy * at(first, w, h, x0 + 1, y0 + 1);
                out[y * w + x] = v < FLOOR ? 0f : Math.min(1f, v);
            }
        }
        int r = (int) Math.min(MAX_WIDENING, Math.round(SIGMAS * spread));
        return r <= 0 ? out : dilate(out, w, h, r);
    }

    /** Grey dilation (largest value) over a (2r + 1) square, separably. */
    static float[] dilate(float[] a, int w, int h, int r) {
        float[] tmp = new float[a.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float m = 0f;
                for (int i = Math.max(0, x - r); i <= Math.min(w - 1, x + r); i++) {
                    m = Math.max(m, a[y * w + i]);
                }
                tmp[y * w + x] = m;
            }
        }
        float[] out = new float[a.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float m = 0f;
                for (int j = Math.max(0, y - r); j <= Math.min(h - 1, y + r); j++) {
                    m = Math.max(m, tmp[j * w + x]);
                }
                out[y * w + x] = m;
            }
        }
        return out;
    }

    private static float at(float[] a, int w, int h, int x, int y) {
        return x < 0 || y < 0 || x >= w || y >= h ? 0f : a[y * w + x];
    }
}
