package org.videoshop.cli.video;

import java.awt.image.BufferedImage;
import java.util.NoSuchElementException;
import org.videoshop.FrameSource;

/**
 * One image served as every frame of a clip (a mask drawn once for the whole clip): each {@link #read()} returns
 * a new copy, which the caller owns. Holds the image only.
 */
public final class RepeatedImage implements FrameSource {

    private final BufferedImage image;
    private final int count;
    private int read;
    private boolean closed;

    /** {@code count} copies of {@code image} (copied now; later changes to it are not seen). */
    public RepeatedImage(BufferedImage image, int count) {
        if (image == null || count < 1) {
            throw new IllegalArgumentException("Expected an image and at least one frame but found "
                    + (image == null ? "no image" : count + " frames"));
        }
        this.image = Frames.toRgb(image);
        this.count = count;
    }

    @Override
    public int width() {
        return image.getWidth();
    }

    @Override
    public int height() {
        return image.getHeight();
    }

    @Override
    public int frameCount() {
        return count;
    }

    @Override
    public synchronized BufferedImage read() {
        if (closed) {
            throw new IllegalStateException("RepeatedImage is closed");
        }
        if (read >= count) {
            throw new NoSuchElementException("Expected at most " + count + " frames");
        }
        read++;
        return Frames.toRgb(image);
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
