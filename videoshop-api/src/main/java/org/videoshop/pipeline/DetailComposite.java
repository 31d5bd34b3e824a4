package org.videoshop.pipeline;

import java.awt.image.BufferedImage;
import org.videoshop.tensor.Images;

/**
 * Detail mode's output frame at the input's resolution: source + weight * upsample(E - R), in 8-bit. The
 * difference (working size) is upsampled bilinearly; where the weight is exactly 0 the source pixel is copied
 * bit for bit. Stateless; returns new images owned by the caller.
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
        int[] px = Images.rgb(source);
        for (int i = 0; i < plane; i++) {
            float m = weights[i];
            int p = px[i];
            if (m != 0f) {
                float k = 255f * m;
                p = (add((p >> 16) & 0xff, k * r[i]) << 16) | (add((p >> 8) & 0xff, k * g[i]) << 8)
                        | add(p & 0xff, k * b[i]);
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
