package org.videoshop.cli;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.videoshop.FrameSink;
import org.videoshop.FrameSource;

/**
 * The {@code --side-by-side} image: a few chosen frames (default first, middle and last), the source above and
 * the edit below, each cell scaled so the image is at most {@value #MAX_WIDTH} pixels wide (small clips are
 * enlarged by a whole factor, nearest neighbour, up to {@value #MIN_HEIGHT} pixels high). While streaming it
 * keeps only the chosen frames, already scaled to their cell. Not thread-safe.
 */
final class SideBySide {

    /** Widest the image gets, in pixels. */
    static final int MAX_WIDTH = 1920;
    /** Small clips are enlarged to about this height. */
    static final int MIN_HEIGHT = 128;
    /** White pixels between cells. */
    static final int GAP = 2;

    private final int[] frames;
    private final int cellW;
    private final int cellH;
    private final boolean enlarge;
    private final BufferedImage[] sources;
    private final BufferedImage[] edits;

    private SideBySide(int[] frames, int width, int height) {
        this.frames = frames;
        int cols = frames.length;
        int factor = height < MIN_HEIGHT ? (MIN_HEIGHT + height - 1) / height : 1;
        int w = width * factor;
        int h = height * factor;
        int maxCell = Math.max(1, (MAX_WIDTH - GAP * (cols - 1)) / cols);
        while (factor > 1 && w > maxCell) {
            factor--;
            w = width * factor;
            h = height * factor;
        }
        if (w > maxCell) {
            h = Math.max(1, (int) Math.round((double) height * maxCell / width));
            w = maxCell;
        }
        this.enlarge = w >= width;
        this.cellW = w;
        this.cellH = h;
        this.sources = new BufferedImage[cols];
        this.edits = new BufferedImage[cols];
    }

    /**
     * The frames to show for a clip of {@code count} frames: {@code chosen} (sorted, duplicates dropped) or
     * first, middle and last; fails naming the frame when one is outside the clip.
     */
    static int[] choose(List<Integer> chosen, int count) {
        TreeSet<Integer> set = new TreeSet<>();
        if (chosen == null || chosen.isEmpty()) {
            set.addAll(List.of(0, (count - 1) / 2, count - 1));
        } else {
            for (int f : chosen) {
                if (f < 0 || f >= count) {
                    throw new IllegalArgumentException("Expected --side-by-side-frames between 0 and " + (count - 1)
                            + " (the clip has " + count + " frames) but found " + f);
                }
                set.add(f);
            }
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }

    static SideBySide of(int[] frames, int width, int height) {
        return new SideBySide(frames.clone(), width, height);
    }

    /** The size of the finished image. */
    int[] size() {
        return new int[] {frames.length * (cellW + GAP) - GAP, 2 * (cellH + GAP) - GAP};
    }

    /** A source that keeps a scaled copy of the chosen frames of {@code in} as they are read. */
    FrameSource capturing(FrameSource in) {
        return new FrameSource() {
            private int next;

            @Override
            public int width() {
                return in.width();
            }

            @Override
            public int height() {
                return in.height();
            }

            @Override
            public int frameCount() {
                return in.frameCount();
            }

            @Override
            public BufferedImage read() {
                BufferedImage img = in.read();
                keep(sources, next++, img);
                return img;
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }

    /** A sink that keeps a scaled copy of the chosen frames before passing them on to {@code out}. */
    FrameSink capturing(FrameSink out) {
        return (index, frame) -> {
            keep(edits, index, frame);
            out.write(index, frame);
        };
    }

    private void keep(BufferedImage[] into, int index, BufferedImage img) {
        int col = Arrays.binarySearch(frames, index);
        if (col >= 0) {
            into[col] = cell(img);
        }
    }

    private BufferedImage cell(BufferedImage img) {
        BufferedImage out = new BufferedImage(cellW, cellH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, enlarge
                    ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR : RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(img, 0, 0, cellW, cellH, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Keeps the chosen frames of whole clips (for edits that return every frame). */
    void captureAll(List<BufferedImage> source, List<BufferedImage> edited) {
        for (int c = 0; c < frames.length; c++) {
            sources[c] = cell(source.get(frames[c]));
            edits[c] = cell(edited.get(frames[c]));
        }
    }

    /** The image: source row above, edit row below. */
    BufferedImage image() {
        int[] size = size();
        BufferedImage out = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, size[0], size[1]);
            List<BufferedImage[]> rows = new ArrayList<>(List.of(sources, edits));
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < frames.length; c++) {
                    BufferedImage cell = rows.get(r)[c];
                    if (cell == null) {
                        throw new IllegalStateException("Expected frame " + frames[c] + " of the "
                                + (r == 0 ? "source" : "edit") + " for the side-by-side image but it never came");
                    }
                    g.drawImage(cell, c * (cellW + GAP), r * (cellH + GAP), null);
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }
}
