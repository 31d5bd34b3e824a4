package org.videoshop;

import java.awt.image.BufferedImage;

/**
 * A clip read one frame at a time, in order, so that an edit never needs the whole clip in memory (see
 * {@link VideoEditor#edit(FrameSource, BufferedImage, FrameSource, FrameSink, ProgressListener, CancellationToken)}).
 * Whoever opens a source closes it; closing twice is harmless. Every frame has the size {@link #width()} x
 * {@link #height()}; the images returned by {@link #read()} belong to the caller.
 */
public interface FrameSource extends AutoCloseable {

    /** Frame width in pixels. */
    int width();

    /** Frame height in pixels. */
    int height();

    /** The exact number of frames this source will return. */
    int frameCount();

    /**
     * The next frame. Throws {@link java.util.NoSuchElementException} after {@link #frameCount()} frames and
     * {@link java.io.UncheckedIOException} when the underlying file cannot be read.
     */
    BufferedImage read();

    /** Releases the underlying decoder; I/O failures are thrown as {@link java.io.UncheckedIOException}. */
    @Override
    void close();
}
