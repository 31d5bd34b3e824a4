package org.videoshop.cli.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads and writes clips of every kind the command line knows ({@link VideoKind}), chosen by the path: an
 * FFmpeg-readable video file, an animated GIF, or a folder of numbered PNG frames. Outputs are written to a
 * temporary file beside the target and moved into place when complete.
 */
public final class VideoIO {

    private VideoIO() {
    }

    /** What was written. */
    public record Written(Path path, VideoKind kind, String codec, int frames, int width, int height, double fps) {
        @Override
        public String toString() {
            return path + " (" + frames + " frames, " + width + "x" + height
                    + (kind == VideoKind.PNG_FOLDER ? "" : String.format(", %.3g fps", fps)) + ", " + codec + ")";
        }
    }

    /** Reads the whole clip. */
    public static Clip read(Path input) throws IOException {
        return read(input, 0);
    }

    /** Reads at most {@code maxFrames} frames from the start (all when {@code maxFrames <= 0}). */
    public static Clip read(Path input, int maxFrames) throws IOException {
        VideoKind kind = VideoKind.ofInput(input);
        return switch (kind) {
            case PNG_FOLDER -> PngFolder.read(input, maxFrames);
            case GIF -> GifVideo.read(input, maxFrames);
            case FFMPEG -> FfmpegVideo.read(input, maxFrames);
        };
    }

    /** Frame 0 of the clip, at its own size. */
    public static BufferedImage firstFrame(Path input) throws IOException {
        return read(input, 1).frames().get(0);
    }

    /**
     * Writes the clip in the kind {@code output}'s extension names, at the clip's frame rate or {@code fallbackFps}
     * when it has none.
     */
    public static Written write(Clip clip, Path output, double fallbackFps) throws IOException {
        VideoKind kind = VideoKind.ofOutput(output);
        double fps = clip.fpsOr(fallbackFps);
        String codec = switch (kind) {
            case PNG_FOLDER -> {
                PngFolder.write(clip, output);
                yield "png";
            }
            case GIF -> {
                GifVideo.write(clip, fps, output);
                yield "gif";
            }
            case FFMPEG -> FfmpegVideo.write(clip, fps, output);
        };
        return new Written(output, kind, codec, clip.size(), clip.width(), clip.height(), fps);
    }
}
