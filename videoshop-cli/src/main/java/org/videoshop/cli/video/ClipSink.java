package org.videoshop.cli.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import org.videoshop.FrameSink;

/**
 * An output file (or folder) being written frame by frame: a {@link FrameSink} that takes frames 0, 1, ... in
 * order at one size, then {@link #finish()} completes the file and moves it into place. Until then everything
 * lives in a hidden temporary file beside the target; {@link #close()} without finish removes it, so a failed or
 * cancelled edit leaves nothing. Closing twice is harmless; writing after finish or close throws
 * {@link IllegalStateException}. Does not keep the frames it is given.
 */
public interface ClipSink extends FrameSink, AutoCloseable {

    /** Completes the output and moves it into place; returns what was written. */
    VideoIO.Written finish() throws IOException;

    /** Abandons the output unless finished. */
    @Override
    void close() throws IOException;

    /**
     * Checks the order and size of a frame handed to a sink.
     *
     * @param expected the index the sink expects next
     */
    static void checkFrame(int index, int expected, BufferedImage frame, int width, int height) {
        if (index != expected) {
            throw new IllegalArgumentException("Expected frame " + expected + " next but found frame " + index);
        }
        if (frame == null || frame.getWidth() != width || frame.getHeight() != height) {
            throw new IllegalArgumentException("Expected a frame of " + width + "x" + height + " but found "
                    + (frame == null ? "null" : frame.getWidth() + "x" + frame.getHeight()));
        }
    }
}
