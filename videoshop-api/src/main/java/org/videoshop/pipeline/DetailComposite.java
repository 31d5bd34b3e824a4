package org.videoshop.pipeline;

import java.awt.image.BufferedImage;
import org.videoshop.tensor.Images;

/**
 * Detail mode's output frame at the input's resolution: source + weight * (upsample(E - R) + a * (upsample(R) -
 * source)), in 8-bit, where a in [0, 1] is how much of the content comes from the regeneration (upsample(E) =
 * upsample(R) + upsample(E - R)) rather than from the source's own detail ({@link EditRegion#regeneration()}). The
 * working-size planes are upsampled bilinearly; where the weight is exactly 0 the source pixel is copied bit for bit.
 * Stateless; returns new images owned by the caller.
 */
public final class DetailComposite {

    private DetailComposite() {
    }

    /**
     * @param source     the source frame, any type (read as sRGB)
     * @param difference edit minus reconstruction, planar RGB [3, h, w] in [0, 1] units, at the working size
     * @param w          working width
     * @param h          working height
     * @param weights    the region's weights at the source's size (width * height values in [0, 1])
     */
    public static BufferedImage apply(BufferedImage source, float[] difference, int w, int h, float[] weights) {
        return apply(source, difference, null, 0f, w, h, weights);
    }

    /**
     * @param source         the source frame, any type (read as sRGB)
     * @param difference     edit minus reconstruction, planar RGB [3, h, w] in [0, 1] units, at the working size
     * @param reconstruction R at the working size (planar RGB), or null when {@code regeneration} is 0
     * @param regeneration   how much of the content comes from the regeneration, in [0, 1]
     * @param w              working width
     * @param h              working height
     * @param weights        the region's weights at the source's size (width * height values in [0, 1])
     */
    public static BufferedImage apply(BufferedImage source, float[] difference, float[] reconstruction,
                                      float regeneration, int w, int h, float[] weights) {
        if (!(regeneration >= 0f && regeneration <= 1f) || (regeneration > 0f && (reconstruction == null
                || reconstruction.length != 3 * w * h))) {
            throw new IllegalArgumentException("Expected a regeneration weight in [0, 1] with a reconstruction of "
                    + 3 * w * h + " values but found " + regeneration + " and "
                    + (reconstruction == null ? "none" : reconstruction.length + " values"));
        }
        int width = source.getWidth();
        int height = source.getHeight();
        int plane = width * height;
        if (weights.length != plane || difference.length != 3 * w * h) {
            throw new IllegalArgumentException("Expected " + plane + " weights and " + 3 * w * h + " difference values"
                    + " but found " + weights.length + " and " + difference.length);
        }
        boolean any = false;
        for (int i = 0; i < plane && !any; i++) {
            any = weights[i] != 0f;
        }
        if (!any) {
            return copy(source);
        }
        int small = w * h;
        float[] r = Images.resizePlane(slice(difference, 0, small), w, h, width, height);
        float[] g = Images.resizePlane(slice(difference, small, small), w, h, width, height);
        float[] b = Images.resizePlane(slice(difference, 2 * small, small), w, h, width, height);
        float[][] rec = regeneration > 0f ? new float[][] {
            Images.resizePlane(slice(reconstruction, 0, small), w, h, width, height),
            Images.resizePlane(slice(reconstruction, small, small), w, h, width, height),
            Images.resizePlane(slice(reconstruction, 2 * small, small), w, h, width, height)} : null;
        int[] px = Images.rgb(source);
        for (int i = 0; i < plane; i++) {
            float m = weights[i];
            int p = px[i];
            if (m != 0f) {
                int sr = (p >> 16) & 0xff;
                int sg = (p >> 8) & 0xff;
                int sb = p & 0xff;
                float dr = r[i];
                float dg = g[i];
                float db = b[i];
                if (rec != null) {
                    dr += regeneration * (rec[0][i] - sr / 255f);
                    dg += regeneration * (rec[1][i] - sg / 255f);
                    db += regeneration * (rec[2][i] - sb / 255f);
                }
                float k = 255f * m;
                p = (add(sr, k * dr) << 16) | (add(sg, k * dg) << 8) | add(sb, k * db);
            }
            px[i] = p;
        }
        return Images.rgbImage(px, width, height);
    }

    /** An exact copy of {@code image} as TYPE_INT_RGB (alpha dropped). */
    public static BufferedImage copy(BufferedImage image) {
        return Images.rgbImage(Images.rgb(image), image.getWidth(), image.getHeight());
    }

    private static int add(int value, float delta) {
        int v = Math.round(value + delta);
        return v < 0 ? 0 : (v > 255 ? 255 : v);
    }

    private static float[] slice(float[] a, int from, int n) {
        float[] out = new float[n];
        System.arraycopy(a, from, out, 0, n);
        return out;
    }
}
