package org.videoshop.pipeline;

/**
 * Block matching for {@link EditRegion}: the translation that best carries a weighted part of one frame onto the
 * next, searched coarse to fine (a full search at half resolution, refined at full), with a sub-pixel refinement.
 * Frames are planar RGB [3, h, w] at the region's size. Stateless.
 */
final class RegionMotion {

    /** A displacement in pixels and the mean squared difference (per unit of weight) it leaves. */
    record Shift(float dx, float dy, double cost) {
    }

    /** Weights below this are dropped when a region moves, so that bilinear tails do not creep outwards. */
    static final float FLOOR = 1e-3f;

    private RegionMotion() {
    }

    /**
     * The displacement d (|dx|, |dy| at most about {@code reach}) minimising the weighted mean of |next(p + d) -
     * previous(p)|^2 over the pixels p of {@code weight} (values in [0, 1]); pixels of next outside the frame repeat
     * its edge. Returns a zero shift of cost 0 when the weight is empty.
     */
    static Shift best(float[] previous, float[] next, float[] weight, int w, int h, int reach) {
        int cw = Math.max(1, w / 2);
        int ch = Math.max(1, h / 2);
        Shift coarse = search(half(previous, w, h, 3), half(next, w, h, 3), half(weight, w, h, 1), cw, ch,
                0, 0, Math.max(1, (reach + 1) / 2));
        int cx = Math.round(coarse.dx()) * 2;
        int cy = Math.round(coarse.dy()) * 2;
        return search(previous, next, weight, w, h, cx, cy, 2);
    }

    /** The cost of one integer displacement, as {@link #best} measures it. */
    static double cost(float[] previous, float[] next, float[] weight, int w, int h, int dx, int dy) {
        int[] box = box(weight, w, h);
        return box == null ? 0 : cost(previous, next, weight, w, h, box, dx, dy);
    }

    /** Full search of displacements (cx, cy) +- reach, with a parabolic sub-pixel refinement of the best. */
    private static Shift search(float[] previous, float[] next, float[] weight, int w, int h, int cx, int cy,
                                int reach) {
        int[] box = box(weight, w, h);
        if (box == null) {
            return new Shift(0f, 0f, 0);
        }
        int n = 2 * reach + 1;
        double[] costs = new double[n * n];
        int best = 0;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double c = cost(previous, next, weight, w, h, box, cx + i - reach, cy + j - reach);
                costs[j * n + i] = c;
                if (c < costs[best]) {
                    best = j * n + i;
                }
            }
        }
        int bi = best % n;
        int bj = best / n;
        float sx = bi > 0 && bi < n - 1 ? vertex(costs[best - 1], costs[best], costs[best + 1]) : 0f;
        float sy = bj > 0 && bj < n - 1 ? vertex(costs[best - n], costs[best], costs[best + n]) : 0f;
        return new Shift(cx + bi - reach + sx, cy + bj - reach + sy, costs[best]);
    }

    private static float vertex(double minus, double centre, double plus) {
        double den = minus - 2 * centre + plus;
        if (den <= 0) {
            return 0f;
        }
        return (float) Math.max(-0.5, Math.min(0.5, 0.5 * (minus - plus) / den));
    }

    private static double cost(float[] previous, float[] next, float[] weight, int w, int h, int[] box, int dx,
                               int dy) {
        int plane = w * h;
        double sum = 0;
        double total = 0;
        for (int y = box[1]; y < box[3]; y++) {
            int ny = Math.min(h - 1, Math.max(0, y + dy));
            for (int x = box[0]; x < box[2]; x++) {
                float wt = weight[y * w + x];
                if (wt == 0f) {
                    continue;
                }
                int nx = Math.min(w - 1, Math.max(0, x + dx));
                int p = y * w + x;
                int q = ny * w + nx;
                double e = 0;
                for (int c = 0; c < 3; c++) {
                    double d = next[c * plane + q] - previous[c * plane + p];
                    e += d * d;
                }
                sum += wt * e;
                total += wt;
            }
        }
        return total == 0 ? 0 : sum / total;
    }

    /** Bounding box {x0, y0, x1, y1} (exclusive ends) of the non-zero weights, or null when there are none. */
    private static int[] box(float[] weight, int w, int h) {
        int x0 = w;
        int y0 = h;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (weight[y * w + x] != 0f) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return x1 < 0 ? null : new int[] {x0, y0, x1 + 1, y1 + 1};
    }

    /** Planes of w x h halved by 2x2 means (the last odd row or column dropped). */
    private static float[] half(float[] a, int w, int h, int planes) {
        int hw = Math.max(1, w / 2);
        int hh = Math.max(1, h / 2);
        float[] out = new float[planes * hw * hh];
        for (int c = 0; c < planes; c++) {
            for (int y = 0; y < hh; y++) {
                for (int x = 0; x < hw; x++) {
                    int x0 = Math.min(w - 1, 2 * x);
                    int x1 = Math.min(w - 1, 2 * x + 1);
                    int y0 = Math.min(h - 1, 2 * y);
                    int y1 = Math.min(h - 1, 2 * y + 1);
                    int o = c * w * h;
                    out[c * hw * hh + y * hw + x] = 0.25f * (a[o + y0 * w + x0] + a[o + y0 * w + x1]
                            + a[o + y1 * w + x0] + a[o + y1 * w + x1]);
                }
            }
        }
        return out;
    }

    /** {@code a} moved by (dx, dy), bilinear: out(p) = a(p - d), 0 where p - d falls outside the frame. */
    static float[] shift(float[] a, int w, int h, float dx, float dy) {
        float[] out = new float[a.length];
        for (int y = 0; y < h; y++) {
            float sy = y - dy;
            int y0 = (int) Math.floor(sy);
            float fy = sy - y0;
            for (int x = 0; x < w; x++) {
                float sx = x - dx;
                int x0 = (int) Math.floor(sx);
                float fx = sx - x0;
                float v = (1 - fx) * (1 - fy) * at(a, w, h, x0, y0) + fx * (1 - fy) * at(a, w, h, x0 + 1, y0)
                        + (1 - fx) * fy * at(a, w, h, x0, y0 + 1) + fx * fy * at(a, w, h, x0 + 1, y0 + 1);
                out[y * w + x] = v < FLOOR ? 0f : Math.min(1f, v);
            }
        }
        return out;
    }

    private static float at(float[] a, int w, int h, int x, int y) {
        return x < 0 || y < 0 || x >= w || y >= h ? 0f : a[y * w + x];
    }
}
