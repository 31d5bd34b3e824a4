package org.videoshop;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A {@link FrameSource} over images already in memory: the caller's list, read in order (nothing is copied; the
 * images returned are the list's own). Counts the frames it has handed out, so a caller can see how far an edit
 * has read. Holds no resource; reading after {@link #close()} throws {@link IllegalStateException}. Not
 * thread-safe.
 */
public final class ListFrames implements FrameSource {

    private final List<BufferedImage> images;
    private int next;
    private boolean closed;

    /** A source over {@code images}, which must hold at least one image. */
    public ListFrames(List<BufferedImage> images) {
        if (images == null || images.isEmpty()) {
            throw new IllegalArgumentException("Expected at least one image but found "
                    + (images == null ? "null" : "none"));
        }
        this.images = images;
    }

    @Override
    public int width() {
        return images.get(0).getWidth();
    }

    @Override
    public int height() {
        return images.get(0).getHeight();
    }

    @Override
    public int frameCount() {
        return images.size();
    }

    /** Frames handed out so far. */
    public int framesRead() {
        return next;
    }

    @Override
    public BufferedImage read() {
        if (closed) {
            throw new IllegalStateException("Expected an open frame source but found it closed");
        }
        if (next >= images.size()) {
            throw new NoSuchElementException("Expected at most " + images.size() + " frames but a frame "
                    + (next + 1) + " was asked for");
        }
        return images.get(next++);
    }

    @Override
    public void close() {
        closed = true;
    }
}
