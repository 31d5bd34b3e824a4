package org.videoshop.cli.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a folder of numbered PNG frames ({@code frame_0000.png, ...}) one file at a time, into a hidden
 * temporary folder renamed into place by {@link #finish()}. Lossless; a folder has no timing.
 */
public final class PngFolderSink implements ClipSink {

    private final AtomicOutput.Pending pending;
    private final int width;
    private final int height;
    private final Timing timing;
    private int written;
    private boolean done;

    private PngFolderSink(AtomicOutput.Pending pending, int width, int height, Timing timing) {
        this.pending = pending;
        this.width = width;
        this.height = height;
        this.timing = timing;
    }

    /** Starts writing the folder {@code target} (see {@link AtomicOutput#beginFolder}). */
    public static PngFolderSink create(Path target, int width, int height, Timing timing) throws IOException {
        return new PngFolderSink(AtomicOutput.beginFolder(target), width, height, timing);
    }

    @Override
    public synchronized void write(int index, BufferedImage frame) {
        if (done) {
            throw new IllegalStateException("PngFolderSink of " + pending.target() + " is finished or closed");
        }
        ClipSink.checkFrame(index, written, frame, width, height);
        try {
            PngFolder.writePng(frame, pending.temporary().resolve(String.format(Locale.ROOT, "frame_%04d.png",
                    index)));
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException(VideoIO.writeFailure(pending.target(), e));
        }
    }

    @Override
    public synchronized VideoIO.Written finish() throws IOException {
        if (done) {
            throw new IllegalStateException("PngFolderSink of " + pending.target() + " is finished or closed");
        }
        done = true;
        pending.commit();
        Timing t = timing == null || timing.frames() == written ? timing : timing.first(written);
        return new VideoIO.Written(pending.target(), VideoKind.PNG_FOLDER, "png", written, width, height, t, "");
    }

    @Override
    public synchronized void close() throws IOException {
        if (!done) {
            done = true;
            pending.close();
        }
    }
}
