package org.videoshop.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
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
import org.videoshop.tensor.Mask;
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
                "  videoshop edit --input clip.mp4 --edited-first first.png --output edited.mp4",
                "  videoshop edit --input clip.mp4 --edited-first first.png --mask car.png --output edited.mp4"})
public final class EditCommand implements Callable<Integer> {

    /** Smallest height of a frame in the side-by-side image; smaller clips are enlarged. */
    static final int SIDE_BY_SIDE_MIN_HEIGHT = 128;
    /** Largest height of a frame in the side-by-side image; larger clips are reduced. */
    static final int SIDE_BY_SIDE_MAX_HEIGHT = 256;

    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--input"}, paramLabel = "IN",
            description = {"The source video: a video file, an animated GIF, or a folder of numbered PNG frames.",
                    "Required unless --inverted is given; with it, edits at the input's size."})
    Path input;

    @Option(names = "--inverted", paramLabel = "FILE.inv",
            description = {"Edit a clip inverted earlier by 'videoshop invert' (only the generation half runs).",
                    "The model and settings flags must be those of the inversion. Without --input, the edited "
                            + "first frame, the mask and the output are at the model's resolution."})
    Path inverted;

    @Option(names = "--mask", paramLabel = "FILE|DIR",
            description = {"Limit the edit: one PNG for the whole clip, or a folder of numbered per-frame PNGs, at"
                    + " the frames' size; white = may change. Outside it (beyond --feather) the output is the "
                    + "source exactly."})
    Path mask;

    @Option(names = "--feather", paramLabel = "PX",
            description = "Soft edge of the mask in pixels, 0 for a hard edge (default: " + Mask.DEFAULT_FEATHER
                    + ").")
    Integer feather;

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
        VideoshopOptions options = settings.options();
        checkArguments();
        FfmpegVideo.logNativeMessages(out.verbose());
        BufferedImage edited = PngFolder.readImage(editedFirst);
        int soft = feather == null ? Mask.DEFAULT_FEATHER : feather;
        PrintWriter err = spec.commandLine().getErr();
        try (CancelOnShutdown cancel = new CancelOnShutdown()) {
            Editing.Outcome result;
            Clip clip;
            if (inverted == null) {
                clip = VideoIO.read(input, maxFrames);
                Mask m = mask == null ? null : MaskFiles.read(mask, clip.size(), clip.width(), clip.height(), soft);
                result = Editing.run(options, settings.model(), clip.frames(), edited, m, cancel.token(), out, err);
            } else {
                FromInversion.Result r = FromInversion.run(inverted, input, edited, mask, soft, options,
                        settings.model(), cancel.token(), out, err);
                result = r.outcome();
                clip = r.source();
            }
            Clip editedClip = fps != null ? new Clip(result.frames(), fps) : clip.withFrames(result.frames());
            VideoIO.Written written = VideoIO.write(editedClip, output, Clip.DEFAULT_FPS);
            if (sideBySide != null) {
                PngFolder.writeImage(Frames.grid(List.of(clip.frames(), result.frames()), SIDE_BY_SIDE_MIN_HEIGHT,
                        SIDE_BY_SIDE_MAX_HEIGHT), sideBySide);
            }
            if (!out.quiet()) {
                spec.commandLine().getOut().printf("Edited %s%s%s with model %s (backend %s) in %.1f s; wrote %s%n",
                        clip, result.windowsNote(), inverted == null ? "" : " from " + inverted, result.model(),
                        result.backend(), result.nanos() / 1e9, written);
                spec.commandLine().getOut().flush();
            }
        }
        return 0;
    }

    private void checkArguments() {
        if (input == null && inverted == null) {
            throw new ParameterException(spec.commandLine(),
                    "Expected --input IN (or --inverted FILE.inv) but found neither");
        }
        if (inverted != null && maxFrames != 0) {
            throw new ParameterException(spec.commandLine(), "Expected no --max-frames with --inverted (the "
                    + "inversion fixes the frames) but found --max-frames " + maxFrames);
        }
        if (feather != null && (mask == null || feather < 0)) {
            throw new ParameterException(spec.commandLine(), mask == null
                    ? "Expected --mask with --feather but found no --mask"
                    : "Expected --feather >= 0 pixels but found " + feather);
        }
        try {
            VideoKind.ofOutput(output);
            if (input != null) {
                VideoKind.ofInput(input);
            }
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
