package org.videoshop;

/**
 * A clip's saved inversion read one window at a time, in order, so that an edit from it never holds more than one
 * window's latents (see {@link VideoEditor#edit(InversionSource, FrameSource, java.awt.image.BufferedImage,
 * FrameSource, int,
 * FrameSink, ProgressListener, CancellationToken)}). The plan and working size are known before the first window
 * is read. Whoever opens a source closes it; closing twice is harmless.
 */
public interface InversionSource extends AutoCloseable {

    /** How the clip was split into windows. */
    Windows plan();

    /** The size the windows were inverted at (their source frames' size). */
    FrameSize workingSize();

    /**
     * The next window's inversion, window 0 first. Throws {@link java.util.NoSuchElementException} after
     * {@code plan().count()} windows, {@link java.io.UncheckedIOException} when the storage cannot be read and
     * {@link IllegalArgumentException} when what is read is damaged.
     */
    InvertedClip next();

    /** Releases the underlying storage; I/O failures are thrown as {@link java.io.UncheckedIOException}. */
    @Override
    void close();
}
