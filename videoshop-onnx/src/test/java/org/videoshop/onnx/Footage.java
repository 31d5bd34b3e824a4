package org.videoshop.onnx;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Photograph-like test clips drawn in code: a detailed scene (smooth colour fields plus fine seeded grain and thin
 * lines) under a slow camera pan, with a disc moving across it; and first-frame edits of them.
 */
final class Footage {

    private Footage() {
    }

    /** {@code frames} frames of width x height panning 1 pixel a frame over a seeded scene. */
    static List<BufferedImage> pan(int frames, int width, int height, long seed) {
        BufferedImage scene = scene(width + frames + 2, height, seed);
        List<BufferedImage> out = new ArrayList<>(frames);
        for (int t = 0; t < frames; t++) {
            BufferedImage f = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = f.createGraphics();
            g.drawImage(scene.getSubimage(t, 0, width, height), 0, 0, null);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(200, 60, 40));
            int d = Math.max(4, height / 4);
            g.fillOval(width / 5 + 2 * t, height / 2 - d / 2, d, d);
            g.dispose();
            out.add(f);
        }
        return out;
    }

    private static BufferedImage scene(int width, int height, long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        double fx = 2 * Math.PI / width;
        double fy = 2 * Math.PI / height;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double base = 0.5 + 0.25 * Math.sin(x * fx * 1.3 + 0.7) * Math.cos(y * fy * 0.9);
                int rr = clamp(255 * (base + 0.15 * Math.sin(x * 0.31)) + 18 * r.nextGaussian());
                int gg = clamp(255 * (0.45 + 0.2 * Math.cos(y * fy * 1.7 + x * fx)) + 18 * r.nextGaussian());
                int bb = clamp(255 * (0.35 + 0.2 * Math.sin((x + y) * 0.05)) + 18 * r.nextGaussian());
                if ((x + 3 * y) % 23 == 0) {
                    rr = gg = bb = 30;
                }
                img.setRGB(x, y, (rr << 16) | (gg << 8) | bb);
            }
        }
        return img;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    /** The frame with its rectangle [x0, x1) x [y0, y1) recoloured (channels rotated), a copy. */
    static BufferedImage recolour(BufferedImage frame, int x0, int y0, int x1, int y1) {
        BufferedImage out = new BufferedImage(frame.getWidth(), frame.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < frame.getHeight(); y++) {
            for (int x = 0; x < frame.getWidth(); x++) {
                int p = frame.getRGB(x, y) & 0xffffff;
                if (x >= x0 && x < x1 && y >= y0 && y < y1) {
                    p = ((p & 0xff) << 16) | (p >> 8);
                }
                out.setRGB(x, y, p);
            }
        }
        return out;
    }

    /** Whether two images have the same size and the same 8-bit RGB everywhere. */
    static boolean sameRgb(BufferedImage a, BufferedImage b) {
        int w = a.getWidth();
        int h = a.getHeight();
        if (b.getWidth() != w || b.getHeight() != h) {
            return false;
        }
        int[] p = a.getRGB(0, 0, w, h, null, 0, w);
        int[] q = b.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < p.length; i++) {
            if ((p[i] & 0xffffff) != (q[i] & 0xffffff)) {
                return false;
            }
        }
        return true;
    }

    /** Fraction of pixels whose 8-bit RGB is the same in both images. */
    static double sameFraction(BufferedImage a, BufferedImage b) {
        int w = a.getWidth();
        int h = a.getHeight();
        int[] p = a.getRGB(0, 0, w, h, null, 0, w);
        int[] q = b.getRGB(0, 0, w, h, null, 0, w);
        int same = 0;
        for (int i = 0; i < p.length; i++) {
            if ((p[i] & 0xffffff) == (q[i] & 0xffffff)) {
                same++;
            }
        }
        return same / (double) p.length;
    }
}
