package org.videoshop.tensor;

import java.awt.image.BufferedImage;

/**
 * Conversions between {@link BufferedImage} and {@link Frame}, and resampling. Alpha is ignored (the colour
 * channels are taken as they are); grayscale and indexed images are converted to RGB. Every method returns a new
 * object owned by the caller.
 */
public final class Images {
    private Images() {
    }

    /** Reads an image of any type into an RGB frame in [0, 1]. */
    public static Frame toFrame(BufferedImage image) {
        if (image == null) {
            throw new IllegalArgumentException("Expected an image but found null");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int plane = w * h;
        float[] data = new float[3 * plane];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int i = y * w + x;
                data[i] = ((p >> 16) & 0xff) / 255f;
                data[plane + i] = ((p >> 8) & 0xff) / 255f;
                data[2 * plane + i] = (p & 0xff) / 255f;
            }
        }
        return new Frame(h, w, data);
    }

    /** Writes a frame to an 8-bit RGB image, clamping to [0, 1] and rounding. */
    public static BufferedImage toImage(Frame frame) {
        int w = frame.width();
        int h = frame.height();
        int plane = w * h;
        float[] d = frame.data();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                row[x] = (to8(d[i]) << 16) | (to8(d[plane + i]) << 8) | to8(d[2 * plane + i]);
            }
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    private static int to8(float v) {
        float c = v < 0f ? 0f : (v > 1f ? 1f : v);
        return Math.round(c * 255f);
    }

    /**
     * Resamples a frame to width x height: area averaging along an axis that shrinks (no aliasing), linear
     * interpolation along an axis that grows. Returns the frame itself when the size already matches.
     */
    public static Frame resize(Frame frame, int width, int height) {
        Checks.positive("target width", width);
        Checks.positive("target height", height);
        if (frame.width() == width && frame.height() == height) {
            return frame;
        }
        int sw = frame.width();
        int sh = frame.height();
        float[] tmp = new float[3 * sh * width];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < sh; y++) {
                resample1d(frame.data(), (c * sh + y) * sw, 1, sw, tmp, (c * sh + y) * width, 1, width);
            }
        }
        float[] out = new float[3 * height * width];
        for (int c = 0; c < 3; c++) {
            for (int x = 0; x < width; x++) {
                resample1d(tmp, c * sh * width + x, width, sh, out, c * height * width + x, width, height);
            }
        }
        return new Frame(height, width, out);
    }

    /**
     * Resamples one plane of {@code width * height} values to newWidth x newHeight, as {@link #resize}. Returns a new
     * array (a copy when the size already matches).
     */
    public static float[] resizePlane(float[] plane, int width, int height, int newWidth, int newHeight) {
        Checks.length("plane of " + width + "x" + height, plane, (long) width * height);
        if (width == newWidth && height == newHeight) {
            return plane.clone();
        }
        float[] tmp = new float[height * newWidth];
        for (int y = 0; y < height; y++) {
            resample1d(plane, y * width, 1, width, tmp, y * newWidth, 1, newWidth);
        }
        float[] out = new float[newHeight * newWidth];
        for (int x = 0; x < newWidth; x++) {
            resample1d(tmp, x, newWidth, height, out, x, newWidth, newHeight);
        }
        return out;
    }

    private static void resample1d(float[] src, int srcOff, int srcStride, int n,
                                   float[] dst, int dstOff, int dstStride, int m) {
        if (m <= n) {
            double scale = (double) n / m;
            for (int j = 0; j < m; j++) {
                double a = j * scale;
                double b = a + scale;
                double sum = 0;
                for (int i = (int) Math.floor(a); i < Math.ceil(b) && i < n; i++) {
                    double overlap = Math.min(b, i + 1) - Math.max(a, i);
                    sum += overlap * src[srcOff + i * srcStride];
                }
                dst[dstOff + j * dstStride] = (float) (sum / scale);
            }
        } else {
            double scale = (double) n / m;
            for (int j = 0; j < m; j++) {
                double pos = (j + 0.5) * scale - 0.5;
                if (pos < 0) {
                    pos = 0;
                }
                int i0 = Math.min((int) Math.floor(pos), n - 1);
                int i1 = Math.min(i0 + 1, n - 1);
                double t = pos - i0;
                dst[dstOff + j * dstStride] = (float) ((1 - t) * src[srcOff + i0 * srcStride]
                        + t * src[srcOff + i1 * srcStride]);
            }
        }
    }

    /**
     * out = source + weight * (edited - source) per pixel and channel, rounded; where the weight is exactly 0 the
     * source pixel is copied unchanged. Both images must have the weights' size (width * height values).
     */
    public static BufferedImage composite(BufferedImage source, BufferedImage edited, float[] weights) {
        int w = source.getWidth();
        int h = source.getHeight();
        if (edited.getWidth() != w || edited.getHeight() != h || weights.length != w * h) {
            throw new IllegalArgumentException("Expected images and weights of " + w + "x" + h + " but found "
                    + edited.getWidth() + "x" + edited.getHeight() + " and " + weights.length + " weights");
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] src = source.getRGB(0, 0, w, h, null, 0, w);
        int[] ed = edited.getRGB(0, 0, w, h, null, 0, w);
        int[] res = new int[w * h];
        for (int i = 0; i < res.length; i++) {
            float m = weights[i];
            if (m == 0f) {
                res[i] = src[i] & 0xffffff;
            } else {
                int r = mix((src[i] >> 16) & 0xff, (ed[i] >> 16) & 0xff, m);
                int g = mix((src[i] >> 8) & 0xff, (ed[i] >> 8) & 0xff, m);
                int b = mix(src[i] & 0xff, ed[i] & 0xff, m);
                res[i] = (r << 16) | (g << 8) | b;
            }
        }
        out.setRGB(0, 0, w, h, res, 0, w);
        return out;
    }

    private static int mix(int a, int b, float m) {
        return Math.round(a + m * (b - a));
    }
}
