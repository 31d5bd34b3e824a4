package org.videoshop.cli.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a folder of numbered PNG frames ({@code frame_0000.png, ...}) one file at a time, into a hidden
 * temporary folder renamed into place by {@link #finish()}. Lossless; a folder has no timing.
 */
public final class PngFolderSink extends ClipFileSink {

    private PngFolderSink(AtomicOutput.Pending pending, int width, int height, Timing timing) {
        super(pending, VideoKind.PNG_FOLDER, "png", width, height, timing);
    }

    /** Starts writing the folder {@code target} (see {@link AtomicOutput#beginFolder}). */
    public static PngFolderSink create(Path target, int width, int height, Timing timing) throws IOException {
        return new PngFolderSink(AtomicOutput.beginFolder(target), width, height, timing);
    }

    @Override
    void encode(int index, BufferedImage frame) throws IOException {
        PngFolder.writePng(frame, pending().temporary().resolve(String.format(Locale.ROOT, "frame_%04d.png", index)));
    }

    @Override
    void complete() {
        // every frame is a finished file already
    }

    @Override
    void abandon() {
        // holds nothing open
    }
}
