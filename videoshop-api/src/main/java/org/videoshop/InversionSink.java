package org.videoshop;

/**
 * Receives a streaming inversion's windows in order, window 0 first, each exactly once (see
 * {@link VideoEditor#invert(FrameSource, InversionSink, ProgressListener, CancellationToken)}), e.g. to append them
 * to a file, so the clip's inversion is never held whole. The clip belongs to the sink once handed over; the editor
 * keeps no reference to it. I/O failures are thrown as {@link java.io.UncheckedIOException} and end the inversion.
 */
@FunctionalInterface
public interface InversionSink {

    /**
     * @param plan   the clip's window plan (the same in every call)
     * @param window the window's index in {@code plan}
     * @param clip   its inversion; in detail mode with its reconstruction
     */
    void write(Windows plan, int window, InvertedClip clip);
}
