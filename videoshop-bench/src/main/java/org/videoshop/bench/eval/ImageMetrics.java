package org.videoshop.bench.eval;

import org.videoshop.tensor.Frame;

/**
 * Image quality metrics on RGB frames in [0, 1] (peak 1): PSNR over all pixels or over a pixel mask, and SSIM
 * (Wang et al. 2004: 11x11 Gaussian window with sigma 1.5, K1 = 0.01, K2 = 0.03, computed per colour channel over
 * the window's valid positions and averaged; frames smaller than 11 pixels use the largest odd window that fits),
 * over the whole frame or over the windows centred inside or outside a region.
 */
public final class ImageMetrics {

    private static final double C1 = 0.01 * 0.01;
    private static final double C2 = 0.03 * 0.03;

    private ImageMetrics() {
    }

    /** PSNR in dB from a mean squared error (peak 1): +infinity when the error is 0, NaN when it is NaN. */
    public static double psnrFromMse(double mse) {
        return mse == 0 ? Double.POSITIVE_INFINITY : -10.0 * Math.log10(mse);
    }

    /** PSNR of two frames of one size over every pixel and channel. */
    public static double psnr(Frame a, Frame b) {
        sameSize(a, b);
        return psnrFromMse(SquaredError.of(a, b, null).mse());
    }

    /**
     * PSNR over the pixels where {@code mask} (one entry per pixel, height x width) is true; NaN when no pixel is
     * selected.
     */
    public static double psnr(Frame a, Frame b, boolean[] mask) {
        sameSize(a, b);
        return psnrFromMse(SquaredError.of(a, b, mask).mse());
    }

    /** Mean SSIM of the three colour channels. */
    public static double ssim(Frame a, Frame b) {
        return ssim(a, b, null).whole();
    }

    /**
     * SSIM of the three colour channels, averaged over the whole frame and, when {@code region} (one entry per
     * pixel) is given, over the windows centred inside and outside it (NaN for a side with no window). Windows
     * centred just outside the region reach into it, so identical pixels outside still score below 1 near its
     * edge.
     */
    public static SsimParts ssim(Frame a, Frame b, boolean[] region) {
        sameSize(a, b);
        int h = a.height();
        int w = a.width();
        if (region != null && region.length != h * w) {
            throw new IllegalArgumentException("Expected a region of " + h * w + " pixels but found "
                    + region.length);
        }
        int win = Math.min(11, Math.min(h, w));
        if (win % 2 == 0) {
            win--;
        }
        double sigma = 1.5 * win / 11.0;
        double[] kernel = gaussian(win, sigma);
        int plane = h * w;
        int oh = h - win + 1;
        int ow = w - win + 1;
        int half = win / 2;
        double[] all = new double[3];
        double[] in = new double[3];
        double[] out = new double[3];
        long nIn = 0;
        long nOut = 0;
        float[] ad = a.data();
        float[] bd = b.data();
        for (int c = 0; c < 3; c++) {
            double[] x = new double[plane];
            double[] y = new double[plane];
            for (int i = 0; i < plane; i++) {
                x[i] = ad[c * plane + i];
                y[i] = bd[c * plane + i];
            }
            double[] map = ssimMap(x, y, h, w, kernel);
            nIn = 0;
            nOut = 0;
            for (int j = 0; j < oh; j++) {
                for (int i = 0; i < ow; i++) {
                    double v = map[j * ow + i];
                    all[c] += v;
                    if (region != null) {
                        if (region[(j + half) * w + i + half]) {
                            in[c] += v;
                            nIn++;
                        } else {
                            out[c] += v;
                            nOut++;
                        }
                    }
                }
            }
        }
        double n = (double) oh * ow;
        double whole = (all[0] + all[1] + all[2]) / (3 * n);
        double inside = nIn == 0 ? Double.NaN : (in[0] + in[1] + in[2]) / (3.0 * nIn);
        double outside = nOut == 0 ? Double.NaN : (out[0] + out[1] + out[2]) / (3.0 * nOut);
        return new SsimParts(whole, region == null ? Double.NaN : inside, region == null ? Double.NaN : outside);
    }

    /**
     * SSIM averaged over a frame and over the windows centred inside and outside a region.
     *
     * @param whole   every window
     * @param inside  windows centred in the region (NaN when none, or no region)
     * @param outside windows centred outside it
     */
    public record SsimParts(double whole, double inside, double outside) {
    }

    /** The SSIM map over the kernel's valid positions: (h-k+1) x (w-k+1) values. */
    private static double[] ssimMap(double[] x, double[] y, int h, int w, double[] k) {
        int n = x.length;
        double[] xx = new double[n];
        double[] yy = new double[n];
        double[] xy = new double[n];
        for (int i = 0; i < n; i++) {
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        int oh = h - k.length + 1;
        int ow = w - k.length + 1;
        double[] mx = filter(x, h, w, k);
        double[] my = filter(y, h, w, k);
        double[] sxx = filter(xx, h, w, k);
        double[] syy = filter(yy, h, w, k);
        double[] sxy = filter(xy, h, w, k);
        double[] map = new double[oh * ow];
        for (int i = 0; i < oh * ow; i++) {
            double vx = sxx[i] - mx[i] * mx[i];
            double vy = syy[i] - my[i] * my[i];
            double cxy = sxy[i] - mx[i] * my[i];
            map[i] = ((2 * mx[i] * my[i] + C1) * (2 * cxy + C2))
                    / ((mx[i] * mx[i] + my[i] * my[i] + C1) * (vx + vy + C2));
        }
        return map;
    }

    /** Separable filtering over the kernel's valid positions: an (h-k+1) x (w-k+1) result. */
    private static double[] filter(double[] src, int h, int w, double[] k) {
        int r = k.length;
        int ow = w - r + 1;
        int oh = h - r + 1;
        double[] tmp = new double[h * ow];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int i = 0; i < r; i++) {
                    s += k[i] * src[y * w + x + i];
                }
                tmp[y * ow + x] = s;
            }
        }
        double[] out = new double[oh * ow];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int i = 0; i < r; i++) {
                    s += k[i] * tmp[(y + i) * ow + x];
                }
                out[y * ow + x] = s;
            }
        }
        return out;
    }

    private static double[] gaussian(int size, double sigma) {
        double[] k = new double[size];
        int c = size / 2;
        double sum = 0;
        for (int i = 0; i < size; i++) {
            k[i] = Math.exp(-((i - c) * (i - c)) / (2 * sigma * sigma));
            sum += k[i];
        }
        for (int i = 0; i < size; i++) {
            k[i] /= sum;
        }
        return k;
    }

    private static void sameSize(Frame a, Frame b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("Expected frames of one size but found " + a + " and " + b);
        }
    }

    /**
     * A sum of squared errors and the number of values it covers, to pool PSNR over several frames.
     *
     * @param sum   sum of squared differences
     * @param count values summed (3 per selected pixel)
     */
    public record SquaredError(double sum, long count) {

        /** No values. */
        public static final SquaredError NONE = new SquaredError(0, 0);

        /** The squared error of two frames over the pixels where {@code mask} is true (every pixel when null). */
        public static SquaredError of(Frame a, Frame b, boolean[] mask) {
            int plane = a.width() * a.height();
            if (mask != null && mask.length != plane) {
                throw new IllegalArgumentException("Expected a mask of " + plane + " pixels but found " + mask.length);
            }
            double s = 0;
            long n = 0;
            float[] ad = a.data();
            float[] bd = b.data();
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < plane; i++) {
                    if (mask == null || mask[i]) {
                        double d = (double) ad[c * plane + i] - bd[c * plane + i];
                        s += d * d;
                        n++;
                    }
                }
            }
            return new SquaredError(s, n);
        }

        public SquaredError plus(SquaredError o) {
            return new SquaredError(sum + o.sum, count + o.count);
        }

        /** Mean squared error; NaN when no value was covered. */
        public double mse() {
            return count == 0 ? Double.NaN : sum / count;
        }

        /** PSNR of the pooled error. */
        public double psnr() {
            return psnrFromMse(mse());
        }
    }
}
