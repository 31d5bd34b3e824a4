package org.videoshop.cli.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes clips of every kind the command line knows ({@link VideoKind}), chosen by the path: an
 * FFmpeg-readable video file, an animated GIF, or a folder of numbered PNG frames. {@link #open} and
 * {@link #create} stream frame by frame (memory does not grow with the clip's length); {@link #read} and
 * {@link #write} hold a whole {@link Clip}. Outputs are written to a temporary file beside the target and moved
 * into place when complete.
 */
public final class VideoIO {

    private VideoIO() {
    }

    /**
     * What was written.
     *
     * @param timing when the frames are shown (null for a PNG folder written without one)
     * @param audio  what became of the source's audio ("audio aac copied"), empty when there was none
     */
    public record Written(Path path, VideoKind kind, String codec, int frames, int width, int height, Timing timing,
                          String audio) {

        /** The mean frame rate, 0 when there is no timing. */
        public double fps() {
            return timing == null ? 0 : frames / timing.seconds();
        }

        @Override
        public String toString() {
            String time = kind == VideoKind.PNG_FOLDER || timing == null ? ""
                    : ", " + String.format(Locale.ROOT, "%.2f s, ", timing.seconds()) + timing.describe();
            return path + " (" + frames + " frames, " + width + "x" + height + time + ", " + codec
                    + (audio == null || audio.isEmpty() ? "" : ", " + audio) + ")";
        }
    }

    /**
     * Opens a clip for reading frame by frame, at most {@code maxFrames} (all when {@code maxFrames <= 0}); a PNG
     * folder gets {@code folderFps} as its timing.
     */
    public static ClipSource open(Path input, int maxFrames, double folderFps) throws IOException {
        VideoKind kind = VideoKind.ofInput(input);
        return switch (kind) {
            case PNG_FOLDER -> PngFolderSource.open(input, maxFrames, folderFps);
            case GIF -> GifSource.open(input, maxFrames);
            case FFMPEG -> FfmpegSource.open(input, maxFrames);
        };
    }

    /**
     * Starts writing frames of {@code width x height} to {@code output} (its extension picks the kind), shown as
     * {@code timing} says; a video file also gets the audio of {@code audioFrom} (null for none) where the
     * container can hold it.
     */
    public static ClipSink create(Path output, int width, int height, Timing timing, Path audioFrom)
            throws IOException {
        VideoKind kind = VideoKind.ofOutput(output);
        return switch (kind) {
            case PNG_FOLDER -> PngFolderSink.create(output, width, height, timing);
            case GIF -> GifSink.create(output, width, height, timing);
            case FFMPEG -> FfmpegSink.create(output, width, height, timing,
                    audioFrom != null && VideoKind.ofInput(audioFrom) == VideoKind.FFMPEG ? audioFrom : null);
        };
    }

    /** Reads the whole clip. */
    public static Clip read(Path input) throws IOException {
        return read(input, 0);
    }

    /** Reads at most {@code maxFrames} frames from the start (all when {@code maxFrames <= 0}). */
    public static Clip read(Path input, int maxFrames) throws IOException {
        try (ClipSource source = open(input, maxFrames, Clip.DEFAULT_FPS)) {
            List<BufferedImage> frames = new ArrayList<>(source.frameCount());
            for (int i = 0; i < source.frameCount(); i++) {
                frames.add(source.read());
            }
            return new Clip(frames, source.kind() == VideoKind.PNG_FOLDER ? null : source.timing().nominalFps());
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Frame 0 of the clip, at its own size. */
    public static BufferedImage firstFrame(Path input) throws IOException {
        try (ClipSource source = open(input, 1, Clip.DEFAULT_FPS)) {
            return source.read();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Writes the clip in the kind {@code output}'s extension names, at the clip's frame rate or {@code fallbackFps}
     * when it has none.
     */
    public static Written write(Clip clip, Path output, double fallbackFps) throws IOException {
        VideoKind.ofOutput(output);
        Timing timing = Timing.constant(clip.size(), clip.fpsOr(fallbackFps));
        try (ClipSink sink = create(output, clip.width(), clip.height(), timing, null)) {
            for (int i = 0; i < clip.size(); i++) {
                sink.write(i, clip.frames().get(i));
            }
            return sink.finish();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * A write failure as one line naming the cause the system gave ("Could not write out.gif: No space left on
     * device"); an exception that already says so is returned as it is.
     */
    public static IOException writeFailure(Path target, Throwable e) {
        if (e instanceof IOException io && io.getMessage() != null && io.getMessage().startsWith("Could not write")) {
            return io;
        }
        String reason = null;
        for (Throwable t = e; t != null && reason == null; t = t.getCause()) {
            if (t instanceof FileSystemException fs && fs.getReason() != null) {
                reason = fs.getReason();
            } else if (t instanceof IOException && t.getMessage() != null && t.getCause() == null) {
                reason = t.getMessage();
            }
        }
        return new IOException("Could not write " + target + ": " + (reason != null ? reason : String.valueOf(
                e.getMessage())), e);
    }
}
