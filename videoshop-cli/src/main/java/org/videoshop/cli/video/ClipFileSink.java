package org.videoshop.cli.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What the image-writing {@link ClipSink}s share: frames taken in order at one size into a pending output
 * ({@link AtomicOutput.Pending}), moved into place by {@link #finish()} and removed by a {@link #close()} before
 * it; writing after either throws {@link IllegalStateException}. Subclasses encode a frame, complete their file,
 * and release what they hold when abandoned.
 */
abstract class ClipFileSink implements ClipSink {

    private final AtomicOutput.Pending pending;
    private final VideoKind kind;
    private final String codec;
    private final int width;
    private final int height;
    private final Timing timing;
    private int written;
    private boolean done;

    ClipFileSink(AtomicOutput.Pending pending, VideoKind kind, String codec, int width, int height, Timing timing) {
        this.pending = pending;
        this.kind = kind;
        this.codec = codec;
        this.width = width;
        this.height = height;
        this.timing = timing;
    }

    /** Encodes frame {@code index}, already checked to be the next one, at the sink's size. */
    abstract void encode(int index, BufferedImage frame) throws IOException;

    /** Completes the temporary file before it is moved into place. */
    abstract void complete() throws IOException;

    /** Releases what the writer holds when the output is abandoned; must not throw. */
    abstract void abandon();

    final AtomicOutput.Pending pending() {
        return pending;
    }

    final Timing timing() {
        return timing;
    }

    @Override
    public final synchronized void write(int index, BufferedImage frame) {
        ensureOpen();
        ClipSink.checkFrame(index, written, frame, width, height);
        try {
            encode(index, frame);
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException(VideoIO.writeFailure(pending.target(), e));
        }
    }

    @Override
    public final synchronized VideoIO.Written finish() throws IOException {
        ensureOpen();
        try {
            complete();
        } catch (IOException e) {
            throw VideoIO.writeFailure(pending.target(), e);
        }
        done = true;
        pending.commit();
        Timing t = timing == null || timing.frames() == written ? timing : timing.first(written);
        return new VideoIO.Written(pending.target(), kind, codec, written, width, height, t, "");
    }

    @Override
    public final synchronized void close() throws IOException {
        if (!done) {
            done = true;
            try {
                abandon();
            } finally {
                pending.close();
            }
        }
    }

    private void ensureOpen() {
        if (done) {
            throw new IllegalStateException(getClass().getSimpleName() + " of " + pending.target()
                    + " is finished or closed");
        }
    }
}
