package org.videoshop.bench.scene;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * A texture with straight (not premultiplied) alpha: planar floats [4, height, width] in [0, 1] (red, green, blue,
 * alpha), sampled bilinearly in its own pixel coordinates (pixel centres at +0.5). The record copies its array in
 * and out; textures are values.
 *
 * @param width  pixels per row
 * @param height rows
 * @param data   the four planes
 */
public record Rgba(int width, int height, float[] data) {

    public Rgba {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Expected a positive texture size but found " + width + "x" + height);
        }
        if (data == null || data.length != 4 * width * height) {
            throw new IllegalArgumentException("Expected " + 4 * width * height + " floats for a " + width + "x"
                    + height + " RGBA texture but found " + (data == null ? "null" : data.length));
        }
        data = data.clone();
    }

    @Override
    public float[] data() {
        return data.clone();
    }

    /** An opaque texture of an image's colours. */
    public static Rgba of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int plane = w * h;
        float[] d = new float[4 * plane];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int i = y * w + x;
                d[i] = ((p >> 16) & 0xff) / 255f;
                d[plane + i] = ((p >> 8) & 0xff) / 255f;
                d[2 * plane + i] = (p & 0xff) / 255f;
                d[3 * plane + i] = 1f;
            }
        }
        return new Rgba(w, h, d);
    }

    /**
     * Bilinear sample at texture coordinates (x, y) into {@code out[0..3]}. Outside the texture: the nearest edge
     * pixel when {@code clamp} (a background seen past its border), else fully transparent (a sprite).
     */
    void sample(double x, double y, boolean clamp, float[] out) {
        double fx = x - 0.5;
        double fy = y - 0.5;
        if (!clamp && (fx < -1 || fy < -1 || fx > width || fy > height)) {
            Arrays.fill(out, 0f);
            return;
        }
        int x0 = (int) Math.floor(fx);
        int y0 = (int) Math.floor(fy);
        float ax = (float) (fx - x0);
        float ay = (float) (fy - y0);
        int plane = width * height;
        for (int c = 0; c < 4; c++) {
            out[c] = 0f;
        }
        for (int j = 0; j < 2; j++) {
            for (int i = 0; i < 2; i++) {
                float wgt = (i == 0 ? 1 - ax : ax) * (j == 0 ? 1 - ay : ay);
                if (wgt == 0f) {
                    continue;
                }
                int px = x0 + i;
                int py = y0 + j;
                if (px < 0 || py < 0 || px >= width || py >= height) {
                    if (!clamp) {
                        continue; // transparent texel: contributes nothing, not even alpha
                    }
                    px = Math.max(0, Math.min(width - 1, px));
                    py = Math.max(0, Math.min(height - 1, py));
                }
                int k = py * width + px;
                float a = data[3 * plane + k];
                // premultiplied interpolation, so transparent texels do not bleed their colour
                out[0] += wgt * data[k] * a;
                out[1] += wgt * data[plane + k] * a;
                out[2] += wgt * data[2 * plane + k] * a;
                out[3] += wgt * a;
            }
        }
        if (out[3] > 0f) {
            out[0] /= out[3];
            out[1] /= out[3];
            out[2] /= out[3];
        }
    }

    /** This texture with alpha multiplied by {@code mask} (one value per pixel in [0, 1]). */
    Rgba withAlpha(float[] mask) {
        int plane = width * height;
        float[] d = data.clone();
        for (int i = 0; i < plane; i++) {
            d[3 * plane + i] *= mask[i];
        }
        return new Rgba(width, height, d);
    }

    /** This texture with every colour passed through {@code shift}; alpha kept. */
    Rgba recoloured(ColourShift shift) {
        int plane = width * height;
        float[] d = data.clone();
        float[] rgb = new float[3];
        for (int i = 0; i < plane; i++) {
            rgb[0] = d[i];
            rgb[1] = d[plane + i];
            rgb[2] = d[2 * plane + i];
            shift.apply(rgb);
            d[i] = rgb[0];
            d[plane + i] = rgb[1];
            d[2 * plane + i] = rgb[2];
        }
        return new Rgba(width, height, d);
    }

    /** A copy of the rectangle [x, x+w) x [y, y+h) (opaque or not, as this texture is). */
    Rgba crop(int x, int y, int w, int h) {
        if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > width || y + h > height) {
            throw new IllegalArgumentException("Expected a crop inside " + width + "x" + height + " but found "
                    + w + "x" + h + " at " + x + "," + y);
        }
        int plane = width * height;
        float[] d = new float[4 * w * h];
        for (int c = 0; c < 4; c++) {
            for (int r = 0; r < h; r++) {
                System.arraycopy(data, c * plane + (y + r) * width + x, d, c * w * h + r * w, w);
            }
        }
        return new Rgba(w, h, d);
    }

    /** This texture resampled to w x h by area averaging (each output texel averages what it covers). */
    Rgba resized(int w, int h) {
        float[] tmp = new float[4 * height * w];
        resample(data, width, height, tmp, w, true);
        float[] out = new float[4 * w * h];
        resample(tmp, w, height, out, h, false);
        return new Rgba(w, h, out);
    }

    /** One separable pass of area averaging along rows (horizontal) or columns, alpha-weighted colours. */
    private static void resample(float[] src, int sw, int sh, float[] dst, int n, boolean horizontal) {
        int len = horizontal ? sw : sh;
        int lines = horizontal ? sh : sw;
        int sPlane = sw * sh;
        int dw = horizontal ? n : sw;
        int dPlane = dw * (horizontal ? sh : n);
        double scale = (double) len / n;
        for (int line = 0; line < lines; line++) {
            for (int o = 0; o < n; o++) {
                double a0 = o * scale;
                double a1 = (o + 1) * scale;
                double[] acc = new double[4];
                double wsum = 0;
                for (int i = (int) Math.floor(a0); i < Math.min(len, (int) Math.ceil(a1)); i++) {
                    double wgt = Math.min(a1, i + 1) - Math.max(a0, i);
                    if (wgt <= 0) {
                        continue;
                    }
                    int k = horizontal ? line * sw + i : i * sw + line;
                    double alpha = src[3 * sPlane + k];
                    for (int c = 0; c < 3; c++) {
                        acc[c] += wgt * alpha * src[c * sPlane + k];
                    }
                    acc[3] += wgt * alpha;
                    wsum += wgt;
                }
                int d = horizontal ? line * dw + o : o * dw + line;
                for (int c = 0; c < 3; c++) {
                    dst[c * dPlane + d] = acc[3] > 0 ? (float) (acc[c] / acc[3]) : 0f;
                }
                dst[3 * dPlane + d] = wsum > 0 ? (float) (acc[3] / wsum) : 0f;
            }
        }
    }
}
