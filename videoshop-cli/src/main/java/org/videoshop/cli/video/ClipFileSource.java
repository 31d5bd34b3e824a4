package org.videoshop.cli.video;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.NoSuchElementException;

/**
 * What every {@link ClipSource} over a file or folder shares: its size, frame count and timing fixed when opened,
 * frames read in order (reading past the count throws {@link NoSuchElementException}, reading after close
 * {@link IllegalStateException}), and a close that releases the reader once. Subclasses decode a frame and release
 * what they hold.
 */
abstract class ClipFileSource implements ClipSource {

    private final Path path;
    private final VideoKind kind;
    private final int width;
    private final int height;
    private final Timing timing;
    private int read;
    private boolean closed;

    ClipFileSource(Path path, VideoKind kind, int width, int height, Timing timing) {
        this.path = path;
        this.kind = kind;
        this.width = width;
        this.height = height;
        this.timing = timing;
    }

    /** Decodes frame {@code index}, the next one in order; fails with an {@link java.io.UncheckedIOException}. */
    abstract BufferedImage decode(int index);

    /** Releases what the reader holds; called once, by the first {@link #close()}. */
    abstract void release();

    /** What {@link #toString()} adds after the size (e.g. the timing), or "". */
    String details() {
        return ", " + timing.describe();
    }

    /** The file or folder read. */
    final Path path() {
        return path;
    }

    @Override
    public final int width() {
        return width;
    }

    @Override
    public final int height() {
        return height;
    }

    @Override
    public final int frameCount() {
        return timing.frames();
    }

    @Override
    public final Timing timing() {
        return timing;
    }

    @Override
    public final VideoKind kind() {
        return kind;
    }

    @Override
    public final String name() {
        return String.valueOf(path.getFileName());
    }

    @Override
    public final synchronized BufferedImage read() {
        if (closed) {
            throw new IllegalStateException(getClass().getSimpleName() + " of " + path + " is closed");
        }
        if (read >= frameCount()) {
            throw new NoSuchElementException("Expected at most " + frameCount() + " frames from " + path);
        }
        BufferedImage img = decode(read);
        read++;
        return img;
    }

    @Override
    public final synchronized void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }

    @Override
    public String toString() {
        return path.getFileName() + " (" + frameCount() + " frames, " + width + "x" + height + details() + ")";
    }
}
