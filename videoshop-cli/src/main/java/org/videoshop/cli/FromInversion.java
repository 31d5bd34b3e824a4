package org.videoshop.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import org.videoshop.FrameSource;
import org.videoshop.FrameSize;
import org.videoshop.InvertedClip;
import org.videoshop.VideoEditor;
import org.videoshop.Windows;
import org.videoshop.cli.video.ClipSource;
import org.videoshop.cli.video.Timing;
import org.videoshop.cli.video.VideoIO;
import org.videoshop.onnx.store.InversionFiles;
import org.videoshop.onnx.store.InversionReader;
import org.videoshop.tensor.Images;
import org.videoshop.tensor.Video;

/**
 * The frames of {@code videoshop edit --inverted FILE.inv}, streamed like a direct edit's: with {@code --input}
 * (the clip the file was inverted from) its frames, read again, at the input's size and with its frame times;
 * without, the source frames the file stores at the model's working size (read from the file a window at a
 * time, beside the inversion's own reader). Either way the edit reads the inversion window by window, so memory
 * does not grow with the clip's length.
 */
final class FromInversion {

    /** The frames an edit from an inversion reads, and when they are shown. Closing closes the reader under it. */
    record Source(FrameSource frames, Timing timing, String description) implements AutoCloseable {
        @Override
        public void close() {
            frames.close();
        }
    }

    private FromInversion() {
    }

    /**
     * The source frames for {@code inversion} (read from {@code file}): {@code input}'s first {@code plan.frames()}
     * frames, which must exist, or the file's stored frames at {@code fps} (a constant rate).
     */
    static Source open(Path file, InversionReader inversion, Path input, VideoEditor editor, double fps)
            throws IOException {
        Windows plan = inversion.plan();
        if (input != null) {
            ClipSource clip = VideoIO.open(input, plan.frames(), fps);
            if (clip.frameCount() != plan.frames()) {
                int found = clip.frameCount();
                clip.close();
                throw new IllegalArgumentException("Expected the input " + file.getFileName() + " was inverted"
                        + " from (" + plan.frames() + " frames) but " + input + " has " + found);
            }
            return new Source(clip, clip.timing(), clip.toString());
        }
        FrameSize work = inversion.workingSize();
        StoredFrames stored = new StoredFrames(InversionFiles.open(file, editor), work);
        return new Source(stored, Timing.constant(plan.frames(), fps), plan.frames() + " frames, " + work
                + " (stored in " + file.getFileName() + ")");
    }

    /**
     * The source frames an inversion file stores (at its working size), as 8-bit images, read a window at a time
     * from a reader of its own: each window's frames up to where the next window starts (all of the last's).
     */
    static final class StoredFrames implements FrameSource {
        private final InversionReader reader;
        private final FrameSize work;
        private final Windows plan;
        private Video window;
        private int windowStart;
        private int windowIndex = -1;
        private int next;

        StoredFrames(InversionReader reader, FrameSize work) {
            this.reader = reader;
            this.work = work;
            this.plan = reader.plan();
        }

        @Override
        public int width() {
            return work.width();
        }

        @Override
        public int height() {
            return work.height();
        }

        @Override
        public int frameCount() {
            return plan.frames();
        }

        @Override
        public BufferedImage read() {
            if (next >= plan.frames()) {
                throw new NoSuchElementException("Expected at most " + plan.frames() + " frames but frame "
                        + (next + 1) + " was asked for");
            }
            // frame t comes from the last window starting at or before t (every window stores the same frames)
            while (window == null || (windowIndex + 1 < plan.count() && next >= plan.starts().get(windowIndex + 1))) {
                InvertedClip clip = reader.next();
                windowIndex++;
                window = clip.source();
                windowStart = plan.starts().get(windowIndex);
            }
            return Images.toImage(window.frame(next++ - windowStart));
        }

        @Override
        public void close() {
            reader.close();
        }

        @Override
        public String toString() {
            return plan.frames() + " stored frames, " + work;
        }
    }
}
