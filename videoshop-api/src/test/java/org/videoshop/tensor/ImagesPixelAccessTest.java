package org.videoshop.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The raster fast paths of {@link Images#rgb} read what {@link BufferedImage#getRGB} reads, sub-images included. */
class ImagesPixelAccessTest {

    private static BufferedImage filled(int type, int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, type);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (r.nextInt(256) << 24) | r.nextInt(1 << 24));
            }
        }
        return img;
    }

    private static int[] viaGetRgb(BufferedImage img) {
        int[] p = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        for (int i = 0; i < p.length; i++) {
            p[i] &= 0xffffff;
        }
        return p;
    }

    @Test
    void everyTypeAndSubImageReadsAsGetRgb() {
        int[] types = {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_3BYTE_BGR,
            BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_INT_ARGB_PRE, BufferedImage.TYPE_4BYTE_ABGR};
        for (int type : types) {
            BufferedImage img = filled(type, 37, 23, type);
            assertArrayEquals(viaGetRgb(img), Images.rgb(img), "type " + type);
            BufferedImage sub = img.getSubimage(5, 3, 20, 11);
            assertArrayEquals(viaGetRgb(sub), Images.rgb(sub), "sub-image of type " + type);
        }
    }

    @Test
    void anImageWrittenFromPixelsReadsBackTheSame() {
        BufferedImage img = filled(BufferedImage.TYPE_INT_RGB, 9, 4, 1);
        int[] px = Images.rgb(img);
        BufferedImage copy = Images.rgbImage(px, 9, 4);
        assertArrayEquals(px, viaGetRgb(copy));
        assertEquals(BufferedImage.TYPE_INT_RGB, copy.getType());
    }
}
