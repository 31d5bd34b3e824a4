package org.videoshop.pipeline;

/**
 * One resolution of a {@link SimilarityFit}: the template, its weights (the non-zero ones listed, on a regular
 * subgrid when there are many), the frame and the frame's gradients (central differences). Planar RGB [3, h, w].
 * Holds the arrays it is given without copying them; only {@link SimilarityFit} makes and reads these.
 */
final class TrackingLevel {
    final float[] template;
    final float[] weights;
    final float[] frame;
    final float[] gx;
    final float[] gy;
    final int w;
    final int h;
    final int plane;
    final int[] pixels;
    final int count;
    final double ox;
    final double oy;
    final double radius2;

    /** A level sampling the template's weighted pixels on a regular subgrid of at most about {@code most}. */
    TrackingLevel(float[] template, float[] weights, float[] frame, int w, int h, int most) {
        this(template, weights, frame, w, h, most, true);
    }

    TrackingLevel(float[] template, float[] weights, float[] frame, int w, int h, int most, boolean gradients) {
        this.template = template;
        this.weights = weights;
        this.frame = frame;
        this.w = w;
        this.h = h;
        this.plane = w * h;
        int nonZero = 0;
        for (int p = 0; p < plane; p++) {
            if (weights[p] > 0f) {
                nonZero++;
            }
        }
        int stride = Math.max(1, (int) Math.ceil(Math.sqrt(nonZero / (double) most)));
        int n = 0;
        double sx = 0;
        double sy = 0;
        double sw = 0;
        int[] list = new int[plane];
        for (int p = 0; p < plane; p++) {
            if (weights[p] > 0f && (p % w) % stride == 0 && (p / w) % stride == 0) {
                list[n++] = p;
                sx += weights[p] * (p % w);
                sy += weights[p] * (p / w);
                sw += weights[p];
            }
        }
        this.pixels = list;
        this.count = n;
        this.ox = sw == 0 ? 0 : sx / sw;
        this.oy = sw == 0 ? 0 : sy / sw;
        double r2 = 0;
        for (int k = 0; k < n; k++) {
            int p = list[k];
            double dx = p % w - ox;
            double dy = p / w - oy;
            r2 += weights[p] * (dx * dx + dy * dy);
        }
        this.radius2 = sw == 0 ? 0 : r2 / sw;
        this.gx = gradients ? new float[3 * plane] : null;
        this.gy = gradients ? new float[3 * plane] : null;
        for (int c = 0; c < 3 && gradients; c++) {
            int o = c * plane;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int xl = Math.max(0, x - 1);
                    int xr = Math.min(w - 1, x + 1);
                    int yu = Math.max(0, y - 1);
                    int yd = Math.min(h - 1, y + 1);
                    gx[o + y * w + x] = xr == xl ? 0f
                            : (frame[o + y * w + xr] - frame[o + y * w + xl]) / (xr - xl);
                    gy[o + y * w + x] = yd == yu ? 0f
                            : (frame[o + yd * w + x] - frame[o + yu * w + x]) / (yd - yu);
                }
            }
        }
    }

    /** Half resolution by 2x2 means (an odd last row or column dropped). */
    TrackingLevel half(int most) {
        int hw = Math.max(1, w / 2);
        int hh = Math.max(1, h / 2);
        return new TrackingLevel(halve(template, 3), halve(weights, 1), halve(frame, 3), hw, hh, most);
    }

    /** The same images sampled more sparsely (at most about {@code most} pixels), without gradients. */
    TrackingLevel sparser(int most) {
        return new TrackingLevel(template, weights, frame, w, h, most, false);
    }

    private float[] halve(float[] a, int planes) {
        int hw = Math.max(1, w / 2);
        int hh = Math.max(1, h / 2);
        float[] out = new float[planes * hw * hh];
        for (int c = 0; c < planes; c++) {
            int o = c * plane;
            for (int y = 0; y < hh; y++) {
                for (int x = 0; x < hw; x++) {
                    int x0 = Math.min(w - 1, 2 * x);
                    int x1 = Math.min(w - 1, 2 * x + 1);
                    int y0 = Math.min(h - 1, 2 * y);
                    int y1 = Math.min(h - 1, 2 * y + 1);
                    out[c * hw * hh + y * hw + x] = 0.25f * (a[o + y0 * w + x0] + a[o + y0 * w + x1]
                            + a[o + y1 * w + x0] + a[o + y1 * w + x1]);
                }
            }
        }
        return out;
    }

    /** Bilinear sample of the three planes of {@code a} at (x, y) into {@code out}; false outside the frame. */
    boolean sample(float[] a, double x, double y, float[] out) {
        if (!(x >= 0 && y >= 0 && x <= w - 1 && y <= h - 1)) {
            return false;
        }
        int x0 = Math.min(w - 2, (int) x);
        int y0 = Math.min(h - 2, (int) y);
        if (w == 1 || h == 1) {
            x0 = Math.max(0, Math.min(w - 1, (int) x));
            y0 = Math.max(0, Math.min(h - 1, (int) y));
            for (int c = 0; c < 3; c++) {
                out[c] = a[c * plane + y0 * w + x0];
            }
            return true;
        }
        float fx = (float) (x - x0);
        float fy = (float) (y - y0);
        int i = y0 * w + x0;
        for (int c = 0; c < 3; c++) {
            int o = c * plane + i;
            out[c] = (1 - fx) * (1 - fy) * a[o] + fx * (1 - fy) * a[o + 1] + (1 - fx) * fy * a[o + w]
                    + fx * fy * a[o + w + 1];
        }
        return true;
    }
}
