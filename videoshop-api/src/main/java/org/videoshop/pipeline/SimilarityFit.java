package org.videoshop.pipeline;

/**
 * Tracking for {@link EditRegion}: the {@link Similarity} (scale, rotation, translation) that best carries a weighted
 * part of a template frame onto a later frame, and how sure that fit is. Coarse to fine: an exhaustive search of
 * translations around a predicted transform at half resolution, then Gauss-Newton (Lucas-Kanade) refinement of all
 * four parameters at half and at full resolution, with Huber weights so that whatever moves differently (an occluding
 * object, a sprite crossing the background) counts less. Frames are planar RGB [3, h, w] at the region's tracking
 * size, in [0, 1] units. Stateless and deterministic.
 */
final class SimilarityFit {

    /**
     * A fitted transform.
     *
     * @param motion the transform from the template to the frame
     * @param cost   weighted mean squared difference (summed over the channels) it leaves, plain weights
     * @param spread RMS uncertainty, in pixels, of where it puts a point at the weights' RMS radius (from the fit's
     *               residual and curvature: sqrt of the trace of the position covariance)
     */
    record Fit(Similarity motion, double cost, double spread) {
    }

    /** Gauss-Newton iterations per level. */
    static final int ITERATIONS = 6;
    /** Huber threshold as a multiple of the RMS residual of the previous iteration (at least {@link #MIN_HUBER}). */
    static final double HUBER = 2.0;
    /** Smallest Huber threshold, in [0, 1] units of the per-pixel residual norm. */
    static final double MIN_HUBER = 0.02;
    /** Template pixels a refinement samples at most (a regular subgrid of larger templates). */
    static final int REFINE_PIXELS = 6000;
    /** Template pixels the translation search samples at most. */
    static final int SEARCH_PIXELS = 1500;
    /** A pixel prefers one transform when its residual under the other is more than this many times as large... */
    static final double CLEARLY = 1.5;
    /** ...plus this, in [0, 1] units of the RGB residual norm (about 8 levels of 255 on each channel). */
    static final double CLEAR_MARGIN = 0.05;
    /** A template pixel matches the frame where its RGB residual norm is at most this (about 12 levels of 255 each). */
    static final double MATCH = 0.08;

    private SimilarityFit() {
    }

    /**
     * The transform carrying {@code template} under {@code weights} (values in [0, 1]) onto {@code frame}, starting
     * from {@code predicted} and searching translations up to {@code reach} pixels from it. Template pixels that
     * land outside the frame do not count. A template with no weight gives the prediction at cost 0.
     *
     * @param scale the transform's scale when it is known (the camera's, for an object in the scene: a flat object
     *              alone does not say it, as a smaller copy of it fits inside it), or NaN to fit it
     */
    static Fit fit(float[] template, float[] weights, float[] frame, int w, int h, Similarity predicted, int reach,
                   double scale) {
        TrackingLevel full = new TrackingLevel(template, weights, frame, w, h, REFINE_PIXELS);
        if (full.count == 0) {
            return new Fit(predicted, 0, 0);
        }
        TrackingLevel half = full.half(REFINE_PIXELS);
        Similarity m = halve(withScale(predicted, scale));
        m = search(half.sparser(SEARCH_PIXELS), m, Math.max(1, (reach + 1) / 2));
        m = refine(half, m, ITERATIONS, scale).motion();
        Similarity fitted = refine(full, doubled(m), ITERATIONS, scale).motion();
        Gauss last = refine(full, fitted, 1, scale);
        return new Fit(fitted, cost(full, fitted), last.spread());
    }

    /** The fraction of {@code weights} (w x h) that {@code motion} carries inside the w x h frame. */
    static double inside(float[] weights, int w, int h, Similarity motion) {
        double in = 0;
        double all = 0;
        for (int p = 0; p < weights.length; p++) {
            if (weights[p] != 0f) {
                double x = motion.x(p % w, p / w);
                double y = motion.y(p % w, p / w);
                all += weights[p];
                in += x >= 0 && y >= 0 && x <= w - 1 && y <= h - 1 ? weights[p] : 0;
            }
        }
        return all == 0 ? 0 : in / all;
    }

    /**
     * Which of two transforms explains the template under {@code weights} better, pixel by pixel: the weight of the
     * pixels whose residual (RGB norm) under {@code a} is clearly smaller than under {@code b} (by {@link #CLEARLY}
     * times, plus {@link #CLEAR_MARGIN}), and the weight of those where {@code b}'s is clearly smaller, both as
     * fractions of the template's weight. Pixels either leaves outside the frame, and pixels both explain about
     * equally (where the transforms agree, or the template is flat), count for neither. Unlike a ratio of mean
     * residuals, this does not let a minority of the template that moves otherwise (background showing around an
     * object, an object crossing a region of the scene) outweigh the majority by its contrast.
     */
    static double[] preference(float[] template, float[] weights, float[] frame, int w, int h, Similarity a,
                               Similarity b) {
        TrackingLevel l = new TrackingLevel(template, weights, frame, w, h, REFINE_PIXELS, false);
        double forA = 0;
        double forB = 0;
        double all = 0;
        float[] va = new float[3];
        float[] vb = new float[3];
        for (int k = 0; k < l.count; k++) {
            int p = l.pixels[k];
            all += weights[p];
            if (!l.sample(frame, a.x(p % w, p / w), a.y(p % w, p / w), va)
                    || !l.sample(frame, b.x(p % w, p / w), b.y(p % w, p / w), vb)) {
                continue;
            }
            double ea = 0;
            double eb = 0;
            for (int c = 0; c < 3; c++) {
                double t = template[c * l.plane + p];
                ea += (va[c] - t) * (va[c] - t);
                eb += (vb[c] - t) * (vb[c] - t);
            }
            double na = Math.sqrt(ea);
            double nb = Math.sqrt(eb);
            if (nb > CLEARLY * na + CLEAR_MARGIN) {
                forA += weights[p];
            } else if (na > CLEARLY * nb + CLEAR_MARGIN) {
                forB += weights[p];
            }
        }
        return all == 0 ? new double[2] : new double[] {forA / all, forB / all};
    }

    /**
     * The fraction of the template's weight that {@code motion} carries into the frame onto a close match: RGB
     * residual norm at most {@link #MATCH}. Low when the template is hidden (an object passing behind another) or
     * gone out of view, where a fit has too little to go on.
     */
    static double matched(float[] template, float[] weights, float[] frame, int w, int h, Similarity motion) {
        TrackingLevel l = new TrackingLevel(template, weights, frame, w, h, REFINE_PIXELS, false);
        double in = 0;
        double all = 0;
        float[] v = new float[3];
        for (int k = 0; k < l.count; k++) {
            int p = l.pixels[k];
            all += weights[p];
            if (!l.sample(frame, motion.x(p % w, p / w), motion.y(p % w, p / w), v)) {
                continue;
            }
            double e = 0;
            for (int c = 0; c < 3; c++) {
                double d = v[c] - template[c * l.plane + p];
                e += d * d;
            }
            in += Math.sqrt(e) <= MATCH ? weights[p] : 0;
        }
        return all == 0 ? 0 : in / all;
    }

    private static double cost(TrackingLevel l, Similarity m) {
        return cost(l, m, 0);
    }

    /** The cost, or infinity when less than {@code inside} of the template's weight lands in the frame. */
    private static double cost(TrackingLevel l, Similarity m, double inside) {
        double sum = 0;
        double total = 0;
        double all = 0;
        float[] v = new float[3];
        for (int k = 0; k < l.count; k++) {
            int p = l.pixels[k];
            double x = m.x(p % l.w, p / l.w);
            double y = m.y(p % l.w, p / l.w);
            all += l.weights[p];
            if (!l.sample(l.frame, x, y, v)) {
                continue;
            }
            double e = 0;
            for (int c = 0; c < 3; c++) {
                double d = v[c] - l.template[c * l.plane + p];
                e += d * d;
            }
            sum += l.weights[p] * e;
            total += l.weights[p];
        }
        if (total < inside * all) {
            return Double.POSITIVE_INFINITY;
        }
        return total == 0 ? 0 : sum / total;
    }

    /** The best translation of {@code m} by whole pixels within {@code reach}; ties go to the smaller shift. */
    private static Similarity search(TrackingLevel l, Similarity m, int reach) {
        Similarity best = m;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int r = 0; r <= reach; r++) {
            for (int j = -r; j <= r; j++) {
                for (int i = -r; i <= r; i++) {
                    if (Math.max(Math.abs(i), Math.abs(j)) != r) {
                        continue;
                    }
                    Similarity s = m.shifted(i, j);
                    double c = cost(l, s, 0.5);
                    if (c < bestCost) {
                        bestCost = c;
                        best = s;
                    }
                }
            }
        }
        return best;
    }

    /** One Gauss-Newton step's result: the transform and the spread of its last linearisation. */
    private record Gauss(Similarity motion, double spread) {
    }

    /** {@code m} with its scale set to {@code scale} (its rotation and the image of the origin kept), unless NaN. */
    private static Similarity withScale(Similarity m, double scale) {
        if (Double.isNaN(scale)) {
            return m;
        }
        double f = scale / m.scale();
        return new Similarity(m.c() * f, m.s() * f, m.tx(), m.ty());
    }

    /**
     * Gauss-Newton on (c, s, u) where the transform is x -> A (x - o) + u about the template's weighted centroid o
     * (so that scale and rotation are nearly independent of the translation), Huber-weighted; a known scale (not NaN)
     * is restored after every step.
     */
    private static Gauss refine(TrackingLevel l, Similarity m, int iterations, double scale) {
        double huber = Double.POSITIVE_INFINITY;
        double spread = 0;
        float[] v = new float[3];
        float[] gx = new float[3];
        float[] gy = new float[3];
        for (int it = 0; it < iterations; it++) {
            double[][] hess = new double[4][4];
            double[] grad = new double[4];
            double sumE = 0;
            double sumW = 0;
            for (int k = 0; k < l.count; k++) {
                int p = l.pixels[k];
                int px = p % l.w;
                int py = p / l.w;
                double x = m.x(px, py);
                double y = m.y(px, py);
                if (!l.sample(l.frame, x, y, v)) {
                    continue;
                }
                l.sample(l.gx, x, y, gx);
                l.sample(l.gy, x, y, gy);
                double e = 0;
                for (int c = 0; c < 3; c++) {
                    double d = v[c] - l.template[c * l.plane + p];
                    e += d * d;
                }
                double norm = Math.sqrt(e);
                double wt = l.weights[p] * (norm <= huber ? 1 : huber / norm);
                double cx = px - l.ox;
                double cy = py - l.oy;
                for (int c = 0; c < 3; c++) {
                    double r = v[c] - l.template[c * l.plane + p];
                    double[] j = {gx[c] * cx + gy[c] * cy, -gx[c] * cy + gy[c] * cx, gx[c], gy[c]};
                    for (int a = 0; a < 4; a++) {
                        grad[a] += wt * j[a] * r;
                        for (int b = a; b < 4; b++) {
                            hess[a][b] += wt * j[a] * j[b];
                        }
                    }
                }
                sumE += wt * e;
                sumW += wt;
            }
            if (sumW == 0) {
                return new Gauss(m, 0);
            }
            for (int a = 0; a < 4; a++) {
                for (int b = 0; b < a; b++) {
                    hess[a][b] = hess[b][a];
                }
                hess[a][a] = hess[a][a] * 1.0001 + 1e-9;
            }
            double[][] inv = invert(hess);
            if (inv == null) {
                return new Gauss(m, 0);
            }
            double variance = sumE / (3 * sumW);
            spread = Math.sqrt(Math.max(0, variance * (inv[2][2] + inv[3][3] + l.radius2 * (inv[0][0] + inv[1][1]))));
            huber = Math.max(MIN_HUBER, HUBER * Math.sqrt(sumE / sumW));
            double ux = m.x(l.ox, l.oy);
            double uy = m.y(l.ox, l.oy);
            double[] step = new double[4];
            for (int a = 0; a < 4; a++) {
                for (int b = 0; b < 4; b++) {
                    step[a] -= inv[a][b] * grad[b];
                }
            }
            double c = m.c() + step[0];
            double s = m.s() + step[1];
            if (!Double.isNaN(scale)) {
                double f = scale / Math.hypot(c, s);
                c *= f;
                s *= f;
            }
            ux += step[2];
            uy += step[3];
            m = new Similarity(c, s, ux - (c * l.ox - s * l.oy), uy - (s * l.ox + c * l.oy));
        }
        return new Gauss(m, spread);
    }

    /** The inverse of a symmetric positive 4x4 matrix (Gauss-Jordan with partial pivoting), or null if singular. */
    private static double[][] invert(double[][] a) {
        int n = 4;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            if (Math.abs(m[pivot][col]) < 1e-300) {
                return null;
            }
            double[] tmp = m[col];
            m[col] = m[pivot];
            m[pivot] = tmp;
            double d = m[col][col];
            for (int k = 0; k < 2 * n; k++) {
                m[col][k] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != col && m[r][col] != 0) {
                    double f = m[r][col];
                    for (int k = 0; k < 2 * n; k++) {
                        m[r][k] -= f * m[col][k];
                    }
                }
            }
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, out[i], 0, n);
        }
        return out;
    }

    /** The transform in the coordinates of a half-resolution copy (pixel centres at 2x + 0.5). */
    private static Similarity halve(Similarity m) {
        Similarity toFull = new Similarity(2, 0, 0.5, 0.5);
        Similarity toHalf = toFull.inverse();
        return toFull.then(m).then(toHalf);
    }

    private static Similarity doubled(Similarity m) {
        Similarity toHalf = new Similarity(0.5, 0, -0.25, -0.25);
        return toHalf.then(m).then(toHalf.inverse());
    }
}
