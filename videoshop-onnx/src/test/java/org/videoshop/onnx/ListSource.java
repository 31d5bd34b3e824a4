package org.videoshop.onnx;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.NoSuchElementException;
import org.videoshop.FrameSource;

/**
 * A {@link FrameSource} over images in memory that counts what it handed out, so tests can see how far an edit
 * reads ahead of what it has written.
 */
final class ListSource implements FrameSource {

    private final List<BufferedImage> images;
    private int read;
    private boolean closed;

    ListSource(List<BufferedImage> images) {
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
    int framesRead() {
        return read;
    }

    @Override
    public BufferedImage read() {
        if (closed) {
            throw new IllegalStateException("ListSource is closed");
        }
        if (read >= images.size()) {
            throw new NoSuchElementException("Expected at most " + images.size() + " reads");
        }
        return images.get(read++);
    }

    @Override
    public void close() {
        closed = true;
    }
}
