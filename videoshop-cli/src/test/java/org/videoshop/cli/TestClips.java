package org.videoshop.cli;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Generated test clips: a coloured disc moving across a two-tone background, drawn with Java2D. */
public final class TestClips {

    private TestClips() {
    }

    /** {@code frames} frames of {@code width x height} with a red disc moving left to right. */
    public static List<BufferedImage> movingDisc(int frames, int width, int height) {
        return movingDisc(frames, width, height, new Color(220, 40, 40));
    }

    /** The same motion with a disc of another colour (the "edit" of every frame). */
    public static List<BufferedImage> movingDisc(int frames, int width, int height, Color disc) {
        List<BufferedImage> out = new ArrayList<>(frames);
        for (int i = 0; i < frames; i++) {
            out.add(frame(i, frames, width, height, disc));
        }
        return out;
    }

    /** Frame {@code i}: background halves in blue and green, disc centre moving along x. */
    public static BufferedImage frame(int i, int frames, int width, int height, Color disc) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(new Color(40, 70, 160));
            g.fillRect(0, 0, width, height / 2);
            g.setColor(new Color(60, 150, 70));
            g.fillRect(0, height / 2, width, height - height / 2);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            int r = Math.max(3, Math.min(width, height) / 4);
            double t = frames <= 1 ? 0 : (double) i / (frames - 1);
            int cx = (int) Math.round(r + t * (width - 2 * r));
            int cy = height / 2;
            g.setColor(disc);
            g.fillOval(cx - r, cy - r, 2 * r, 2 * r);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Mean absolute difference of RGB values in [0, 255] over the rectangle. */
    public static double meanAbsDiff(BufferedImage a, BufferedImage b, int x0, int y0, int w, int h) {
        long sum = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int s = 0; s <= 16; s += 8) {
                    sum += Math.abs(((p >> s) & 0xff) - ((q >> s) & 0xff));
                }
            }
        }
        return sum / (3.0 * w * h);
    }

    /** Mean absolute difference over the whole image. */
    public static double meanAbsDiff(BufferedImage a, BufferedImage b) {
        return meanAbsDiff(a, b, 0, 0, a.getWidth(), a.getHeight());
    }
}
