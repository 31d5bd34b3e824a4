package org.videoshop.tensor;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;

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
        int[] px = rgb(image);
        float[] data = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            int p = px[i];
            data[i] = ((p >> 16) & 0xff) / 255f;
            data[plane + i] = ((p >> 8) & 0xff) / 255f;
            data[2 * plane + i] = (p & 0xff) / 255f;
        }
        return new Frame(h, w, data);
    }

    /** Writes a frame to an 8-bit RGB image, clamping to [0, 1] and rounding. */
    public static BufferedImage toImage(Frame frame) {
        int w = frame.width();
        int h = frame.height();
        int plane = w * h;
        float[] d = frame.data();
        int[] px = new int[plane];
        for (int i = 0; i < plane; i++) {
            px[i] = (to8(d[i]) << 16) | (to8(d[plane + i]) << 8) | to8(d[2 * plane + i]);
        }
        return rgbImage(px, w, h);
    }

    /**
     * The image's pixels as 0xRRGGBB ints, row by row (alpha dropped); read straight from the raster for the usual
     * types (INT_RGB, INT_ARGB, 3BYTE_BGR), through {@link BufferedImage#getRGB} otherwise. A new array.
     */
    public static int[] rgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int type = image.getType();
        WritableRaster r = image.getRaster();
        int x0 = -r.getSampleModelTranslateX();
        int y0 = -r.getSampleModelTranslateY();
        int[] out = new int[w * h];
        if ((type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB)
                && r.getSampleModel() instanceof SinglePixelPackedSampleModel sm
                && r.getDataBuffer() instanceof DataBufferInt db && db.getNumBanks() == 1) {
            int[] data = db.getData();
            int stride = sm.getScanlineStride();
            int base = db.getOffset() + y0 * stride + x0;
            for (int y = 0; y < h; y++) {
                System.arraycopy(data, base + y * stride, out, y * w, w);
            }
            for (int i = 0; i < out.length; i++) {
                out[i] &= 0xffffff;
            }
            return out;
        }
        if (type == BufferedImage.TYPE_3BYTE_BGR && r.getSampleModel() instanceof PixelInterleavedSampleModel sm
                && r.getDataBuffer() instanceof DataBufferByte db && db.getNumBanks() == 1
                && sm.getPixelStride() == 3) {
            byte[] data = db.getData();
            int stride = sm.getScanlineStride();
            int[] offsets = sm.getBandOffsets();
            int base = db.getOffset() + y0 * stride + x0 * 3;
            for (int y = 0; y < h; y++) {
                int row = base + y * stride;
                for (int x = 0; x < w; x++) {
                    int p = row + 3 * x;
                    out[y * w + x] = ((data[p + offsets[0]] & 0xff) << 16) | ((data[p + offsets[1]] & 0xff) << 8)
                            | (data[p + offsets[2]] & 0xff);
                }
            }
            return out;
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                out[y * w + x] = row[x] & 0xffffff;
            }
        }
        return out;
    }

    /** A new TYPE_INT_RGB image of width x height holding {@code px} (0xRRGGBB, row by row; copied). */
    public static BufferedImage rgbImage(int[] px, int width, int height) {
        if (px.length != width * height) {
            throw new IllegalArgumentException("Expected " + width * height + " pixels for " + width + "x" + height
                    + " but found " + px.length);
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] data = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        System.arraycopy(px, 0, data, 0, px.length);
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
        float[] out = new float[3 * height * width];
        float[] in = frame.data();
        for (int c = 0; c < 3; c++) {
            resizeChannel(in, c * sh * sw, sw, sh, out, c * height * width, width, height);
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
        float[] out = new float[newHeight * newWidth];
        resizeChannel(plane, 0, width, height, out, 0, newWidth, newHeight);
        return out;
    }

    /** Rows first (each row resampled), then whole rows combined: both passes walk memory in order. */
    private static void resizeChannel(float[] src, int srcOff, int sw, int sh, float[] dst, int dstOff, int w,
                                      int h) {
        float[] tmp = new float[sh * w];
        for (int y = 0; y < sh; y++) {
            resample1d(src, srcOff + y * sw, 1, sw, tmp, y * w, 1, w);
        }
        double scale = (double) sh / h;
        if (h <= sh) {
            double[] acc = new double[w];
            for (int j = 0; j < h; j++) {
                double a = j * scale;
                double b = a + scale;
                java.util.Arrays.fill(acc, 0.0);
                for (int i = (int) Math.floor(a); i < Math.ceil(b) && i < sh; i++) {
                    double overlap = Math.min(b, i + 1) - Math.max(a, i);
                    int row = i * w;
                    for (int x = 0; x < w; x++) {
                        acc[x] += overlap * tmp[row + x];
                    }
                }
                int out = dstOff + j * w;
                for (int x = 0; x < w; x++) {
                    dst[out + x] = (float) (acc[x] / scale);
                }
            }
        } else {
            for (int j = 0; j < h; j++) {
                double pos = (j + 0.5) * scale - 0.5;
                if (pos < 0) {
                    pos = 0;
                }
                int i0 = Math.min((int) Math.floor(pos), sh - 1);
                int i1 = Math.min(i0 + 1, sh - 1);
                double t = pos - i0;
                int r0 = i0 * w;
                int r1 = i1 * w;
                int out = dstOff + j * w;
                for (int x = 0; x < w; x++) {
                    dst[out + x] = (float) ((1 - t) * tmp[r0 + x] + t * tmp[r1 + x]);
                }
            }
        }
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
        int[] src = rgb(source);
        int[] ed = rgb(edited);
        int[] res = new int[w * h];
        for (int i = 0; i < res.length; i++) {
            float m = weights[i];
            if (m == 0f) {
                res[i] = src[i];
            } else {
                int r = mix((src[i] >> 16) & 0xff, (ed[i] >> 16) & 0xff, m);
                int g = mix((src[i] >> 8) & 0xff, (ed[i] >> 8) & 0xff, m);
                int b = mix(src[i] & 0xff, ed[i] & 0xff, m);
                res[i] = (r << 16) | (g << 8) | b;
            }
        }
        return rgbImage(res, w, h);
    }

    private static int mix(int a, int b, float m) {
        return Math.round(a + m * (b - a));
    }
}
