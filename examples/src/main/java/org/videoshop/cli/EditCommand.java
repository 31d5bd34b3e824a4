package org.videoshop.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.videoshop.VideoshopOptions;
import org.videoshop.cli.video.Clip;
import org.videoshop.cli.video.FfmpegVideo;
import org.videoshop.cli.video.Frames;
import org.videoshop.cli.video.PngFolder;
import org.videoshop.cli.video.VideoIO;
import org.videoshop.cli.video.VideoKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code videoshop edit}: propagates an edited first frame through a video and writes the result. */
@Command(name = "edit", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Propagates an edit of the first frame to every frame of a video.",
                "IN and OUT may be a video file (MP4 or anything FFmpeg reads; written as .mp4, .mov, .mkv or .avi),"
                        + " an animated .gif, or a folder of numbered PNG frames (OUT without extension)."},
        footer = {"", "Example:", "  videoshop first-frame --input clip.mp4 --output first.png",
                "  (edit first.png in any image editor, keeping its size)",
                "  videoshop edit --input clip.mp4 --edited-first first.png --output edited.mp4"})
public final class EditCommand implements Callable<Integer> {

    /** Smallest height of a frame in the side-by-side image; smaller clips are enlarged. */
    static final int SIDE_BY_SIDE_MIN_HEIGHT = 128;
    /** Largest height of a frame in the side-by-side image; larger clips are reduced. */
    static final int SIDE_BY_SIDE_MAX_HEIGHT = 256;

    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--input"}, paramLabel = "IN", required = true,
            description = "The source video: a video file, an animated GIF, or a folder of numbered PNG frames.")
    Path input;

    @Option(names = {"-e", "--edited-first"}, paramLabel = "FRAME.png", required = true,
            description = "The edited first frame, at the input's size (see 'videoshop first-frame').")
    Path editedFirst;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true,
            description = "Where to write the edited video; its extension picks the kind, a folder when none.")
    Path output;

    @Option(names = "--side-by-side", paramLabel = "FILE.png",
            description = "Also write a PNG with the source frames above the edited ones.")
    Path sideBySide;

    @Option(names = "--fps", paramLabel = "FPS",
            description = "Frame rate of the output (default: the input's; 7 for a PNG folder).")
    Double fps;

    @Option(names = "--max-frames", paramLabel = "N",
            description = "Edit only the first N frames of the input (default: all).")
    int maxFrames;

    @Mixin
    EditSettings settings;

    @Mixin
    OutputOptions out;

    @Override
    public Integer call() throws Exception {
        VideoshopOptions options = Editing.options(spec, settings);
        checkArguments();
        FfmpegVideo.logNativeMessages(out.verbose());
        Clip clip = VideoIO.read(input, maxFrames);
        BufferedImage edited = PngFolder.readImage(editedFirst);
        try (CancelOnShutdown cancel = new CancelOnShutdown()) {
            Editing.Outcome result = Editing.run(options, settings.model(), clip.frames(), edited, cancel.token(),
                    out, spec.commandLine().getErr());
            Clip editedClip = fps != null ? new Clip(result.frames(), fps) : clip.withFrames(result.frames());
            VideoIO.Written written = VideoIO.write(editedClip, output, Clip.DEFAULT_FPS);
            if (sideBySide != null) {
                PngFolder.writeImage(Frames.grid(List.of(clip.frames(), result.frames()), SIDE_BY_SIDE_MIN_HEIGHT,
                        SIDE_BY_SIDE_MAX_HEIGHT), sideBySide);
            }
            if (!out.quiet()) {
                spec.commandLine().getOut().printf("Edited %s with model %s (backend %s) in %.1f s; wrote %s%n",
                        clip, result.model(), result.backend(), result.nanos() / 1e9, written);
                spec.commandLine().getOut().flush();
            }
        }
        return 0;
    }

    private void checkArguments() {
        try {
            VideoKind.ofOutput(output);
            VideoKind.ofInput(input);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (sideBySide != null && !VideoKind.extension(sideBySide).equals("png")) {
            throw new ParameterException(spec.commandLine(),
                    "Expected --side-by-side to name a .png file but found " + sideBySide.getFileName());
        }
        if (fps != null && !(fps > 0 && Double.isFinite(fps))) {
            throw new ParameterException(spec.commandLine(),
                    "Expected --fps > 0 but found " + fps);
        }
        if (maxFrames < 0) {
            throw new ParameterException(spec.commandLine(),
                    "Expected --max-frames >= 1 (or unset) but found " + maxFrames);
        }
    }
}
