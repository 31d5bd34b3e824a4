package org.videoshop.cli.video;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** Small pixel-exact helpers on {@link BufferedImage}s. */
public final class Frames {

    private Frames() {
    }

    /** A new {@code TYPE_INT_RGB} copy of the image's colours (alpha dropped), pixel for pixel. */
    public static BufferedImage toRgb(BufferedImage src) {
        return copy(src, BufferedImage.TYPE_INT_RGB);
    }

    /** A new image of that type holding the source's colours, pixel for pixel (alpha dropped unless kept). */
    public static BufferedImage copy(BufferedImage src, int type) {
        int w = src.getWidth();
        int h = src.getHeight();
        BufferedImage out = new BufferedImage(w, h, type);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            src.getRGB(0, y, w, 1, row, 0, w);
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    /** Whether two images have the same size and the same RGB values (alpha ignored). */
    public static boolean sameRgb(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return false;
        }
        int w = a.getWidth();
        int[] ra = new int[w];
        int[] rb = new int[w];
        for (int y = 0; y < a.getHeight(); y++) {
            a.getRGB(0, y, w, 1, ra, 0, w);
            b.getRGB(0, y, w, 1, rb, 0, w);
            for (int x = 0; x < w; x++) {
                if ((ra[x] & 0xffffff) != (rb[x] & 0xffffff)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The image scaled by an integer factor with nearest-neighbour sampling (sharp pixels). */
    public static BufferedImage upscale(BufferedImage src, int factor) {
        if (factor == 1) {
            return toRgb(src);
        }
        return scale(src, src.getWidth() * factor, src.getHeight() * factor,
                RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    }

    /** The image resampled to width x height with the given interpolation hint. */
    public static BufferedImage scale(BufferedImage src, int width, int height, Object interpolation) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
            g.drawImage(src, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Pixels between the cells of a {@link #grid}. */
    public static final int GRID_GAP = 2;

    /**
     * A grid with one row per clip (e.g. source, output) and one column per frame, {@value #GRID_GAP} white pixels
     * apart. Frames lower than
     * {@code minHeight} are enlarged by an integer factor with nearest-neighbour sampling so small clips stay
     * visible; frames higher than {@code maxHeight} are reduced smoothly.
     */
    public static BufferedImage grid(List<List<BufferedImage>> rows, int minHeight, int maxHeight) {
        if (rows.isEmpty() || rows.get(0).isEmpty()) {
            throw new IllegalArgumentException("Expected at least one row of frames but found none");
        }
        BufferedImage first = rows.get(0).get(0);
        int w = first.getWidth();
        int h = first.getHeight();
        int cellW;
        int cellH;
        if (h < minHeight) {
            int factor = (minHeight + h - 1) / h;
            cellW = w * factor;
            cellH = h * factor;
        } else if (h > maxHeight) {
            cellH = maxHeight;
            cellW = Math.max(1, (int) Math.round((double) w * maxHeight / h));
        } else {
            cellW = w;
            cellH = h;
        }
        int cols = rows.stream().mapToInt(List::size).max().orElse(0);
        int gap = GRID_GAP;
        BufferedImage out = new BufferedImage(cols * (cellW + gap) - gap, rows.size() * (cellH + gap) - gap,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            Object hint = cellH >= h ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR
                    : RenderingHints.VALUE_INTERPOLATION_BILINEAR;
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, hint);
            for (int r = 0; r < rows.size(); r++) {
                List<BufferedImage> row = rows.get(r);
                for (int c = 0; c < row.size(); c++) {
                    BufferedImage f = row.get(c);
                    if (f.getWidth() != w || f.getHeight() != h) {
                        throw new IllegalArgumentException("Expected every frame of the grid to be " + w + "x" + h
                                + " but row " + r + " frame " + c + " is " + f.getWidth() + "x" + f.getHeight());
                    }
                    g.drawImage(f, c * (cellW + gap), r * (cellH + gap), cellW, cellH, null);
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }
}
