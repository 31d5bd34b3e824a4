package org.videoshop;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.NoSuchElementException;

/** A {@link FrameSource} over images already in memory (the caller's list; nothing is copied). */
final class ListFrames implements FrameSource {

    private final List<BufferedImage> images;
    private int next;

    ListFrames(List<BufferedImage> images) {
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

    @Override
    public BufferedImage read() {
        if (next >= images.size()) {
            throw new NoSuchElementException("Expected at most " + images.size() + " frames but a frame "
                    + (next + 1) + " was asked for");
        }
        return images.get(next++);
    }

    @Override
    public void close() {
    }
}
