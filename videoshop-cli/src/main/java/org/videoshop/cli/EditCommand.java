package org.videoshop.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.videoshop.FrameSource;
import org.videoshop.Provenance;
import org.videoshop.VideoshopOptions;
import org.videoshop.cli.video.Clip;
import org.videoshop.cli.video.ClipSink;
import org.videoshop.cli.video.ClipSource;
import org.videoshop.cli.video.OutputCheck;
import org.videoshop.cli.video.PngFolder;
import org.videoshop.cli.video.Timing;
import org.videoshop.cli.video.VideoIO;
import org.videoshop.cli.video.VideoKind;
import org.videoshop.model.ModelSpec;
import org.videoshop.onnx.store.InversionFiles;
import org.videoshop.onnx.store.InversionReader;
import org.videoshop.tensor.Mask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code videoshop edit}: propagates an edited first frame through a video and writes the result. */
@Command(name = "edit", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Propagates an edit of the first frame to every frame of a video.",
                "IN and OUT may be a video file (MP4 or anything FFmpeg reads; written as .mp4, .mov, .mkv, .avi or"
                        + " .webm, keeping the input's audio and frame times), an animated .gif (keeping its delays),"
                        + " or a folder of numbered PNG frames (OUT without extension).",
                "Frames are read, edited and written a window at a time; the output is checked before any work."},
        footer = {"", "Example:", "  videoshop first-frame --input clip.mp4 --output first.png",
                "  (edit first.png in any image editor, keeping its size)",
                "  videoshop edit --input clip.mp4 --edited-first first.png --output edited.mp4",
                "  videoshop edit --input clip.mp4 --edited-first first.png --mask car.png --output edited.mp4"})
public final class EditCommand extends EditingCommand {

    /** Smallest height of a frame in the side-by-side image; smaller clips are enlarged. */
    static final int SIDE_BY_SIDE_MIN_HEIGHT = 128;
    /** Largest height of a frame in the side-by-side image; larger clips are reduced. */
    static final int SIDE_BY_SIDE_MAX_HEIGHT = 256;

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
            description = "Also write a PNG with a few source frames above the same frames edited, at most "
                    + SideBySide.MAX_WIDTH + " pixels wide.")
    Path sideBySide;

    @Option(names = "--side-by-side-frames", paramLabel = "I,J,...", split = ",",
            description = "The frames the side-by-side image shows (default: first, middle and last).")
    List<Integer> sideBySideFrames;

    @Option(names = "--fps", paramLabel = "FPS",
            description = "A constant frame rate for the output (default: the input's own frame times, variable"
                    + " rates and GIF delays included; 7 fps for a PNG folder).")
    Double fps;

    @Mixin
    MaxFramesOption maxFrames;

    @Override
    int run() throws Exception {
        VideoshopOptions options = options();
        BufferedImage edited = PngFolder.readImage(editedFirst);
        int soft = feather == null ? Mask.DEFAULT_FEATHER : feather;
        PrintWriter err = err();
        try (CancelOnShutdown cancel = new CancelOnShutdown()) {
            if (inverted != null) {
                return fromInversion(options, edited, soft, cancel, err);
            }
            try (ClipSource source = VideoIO.open(input, maxFrames.value(), fps != null ? fps : Clip.DEFAULT_FPS)) {
                int n = source.frameCount();
                Timing timing = fps != null ? Timing.constant(n, fps) : source.timing();
                SideBySide grid = sideBySide == null ? null
                        : SideBySide.of(sideBySideFrames(sideBySideFrames, n), source.width(), source.height());
                checkOutputs(source.width(), source.height(), n, timing, grid);
                if (edited.getWidth() != source.width() || edited.getHeight() != source.height()) {
                    throw new IllegalArgumentException("Expected the edited first frame to be " + source.width()
                            + "x" + source.height() + " like the video but found " + edited.getWidth() + "x"
                            + edited.getHeight());
                }
                try (FrameSource mask = this.mask == null ? null : MaskFiles.open(this.mask, n, source.width(),
                        source.height());
                     ClipSink sink = VideoIO.create(output, source.width(), source.height(), timing, input)) {
                    Editing.Outcome result = Editing.stream(options, settings.model(),
                            grid == null ? source : grid.capturing(source), edited, mask, soft,
                            grid == null ? sink : grid.capturing(sink), cancel.token(), out, err);
                    VideoIO.Written written = sink.finish();
                    if (grid != null) {
                        PngFolder.writeImage(grid.image(), sideBySide);
                    }
                    summary(source.toString(), result, written);
                }
            }
        }
        return 0;
    }

    /** What an edit from an inversion made, for the summary printed once the progress bar has closed. */
    private record FromFile(String source, Editing.Outcome outcome, VideoIO.Written written) {
    }

    /**
     * {@code --inverted}: streams like a direct edit (the inversion and the source read a window at a time, the
     * output written as it is made); only the generation half runs. The output is checked before any frame is read.
     */
    private int fromInversion(VideoshopOptions options, BufferedImage edited, int soft, CancelOnShutdown cancel,
                              PrintWriter err) throws IOException {
        long start = System.nanoTime();
        FromFile done = Editing.withEditor(options, settings.model(), out, err, (editor, bars) -> {
            try (InversionReader inversion = InversionFiles.open(inverted, editor);
                 FromInversion.Source source = FromInversion.open(inverted, inversion, input, editor,
                         fps != null ? fps : Clip.DEFAULT_FPS)) {
                FrameSource frames = source.frames();
                int n = frames.frameCount();
                Timing timing = fps != null ? Timing.constant(n, fps) : source.timing();
                SideBySide grid = sideBySide == null ? null
                        : SideBySide.of(sideBySideFrames(sideBySideFrames, n), frames.width(), frames.height());
                checkOutputs(frames.width(), frames.height(), n, timing, grid);
                if (edited.getWidth() != frames.width() || edited.getHeight() != frames.height()) {
                    throw new IllegalArgumentException("Expected an edited first frame of " + frames.width()
                            + "x" + frames.height() + (input == null ? " (the inversion's resolution; give "
                            + "--input to edit at the input's size)" : " like the video") + " but found "
                            + edited.getWidth() + "x" + edited.getHeight());
                }
                try (FrameSource maskFrames = mask == null ? null
                        : MaskFiles.open(mask, n, frames.width(), frames.height());
                     ClipSink sink = VideoIO.create(output, frames.width(), frames.height(), timing, input)) {
                    Provenance p = editor.edit(inversion, grid == null ? frames : grid.capturing(frames), edited,
                            maskFrames, soft, grid == null ? sink : grid.capturing(sink), bars, cancel.token());
                    VideoIO.Written written = sink.finish();
                    if (grid != null) {
                        PngFolder.writeImage(grid.image(), sideBySide);
                    }
                    ModelSpec model = editor.model().spec();
                    return new FromFile(source.description() + " from " + inverted, new Editing.Outcome(List.of(),
                            model.name(), editor.backend(), model, inversion.plan(), System.nanoTime() - start,
                            p.width() + "x" + p.height()), written);
                }
            }
        });
        summary(done.source(), done.outcome(), done.written());
        return 0;
    }

    /** Fails before any work when an output cannot be written (device, refused folder, no room). */
    private void checkOutputs(int width, int height, int frames, Timing timing, SideBySide grid) throws IOException {
        VideoKind kind = VideoKind.ofOutput(output);
        OutputCheck.check(output, kind, OutputCheck.estimateBytes(kind, width, height, frames, timing.seconds()));
        if (grid != null) {
            int[] size = grid.size();
            OutputCheck.check(sideBySide, VideoKind.GIF, (long) size[0] * size[1] * 3 + 65536);
        }
    }

    private void summary(String source, Editing.Outcome result, VideoIO.Written written) {
        String line = String.format("Edited %s%s with model %s (backend %s) in %.1f s; wrote %s", source,
                result.windowsNote(), result.model(), result.backend(), result.nanos() / 1e9, written);
        summary(sideBySide == null ? new String[] {line} : new String[] {line, "  side by side: " + sideBySide});
    }

    @Override
    void checkArguments() {
        if (input == null && inverted == null) {
            throw usage("Expected --input IN (or --inverted FILE.inv) but found neither");
        }
        if (inverted != null && maxFrames.value() != 0) {
            throw usage("Expected no --max-frames with --inverted (the inversion fixes the frames) but found"
                    + " --max-frames " + maxFrames.value());
        }
        if (feather != null && (mask == null || feather < 0)) {
            throw usage(mask == null ? "Expected --mask with --feather but found no --mask"
                    : "Expected --feather >= 0 pixels but found " + feather);
        }
        try {
            VideoKind.ofOutput(output);
            if (input != null) {
                VideoKind.ofInput(input);
            }
        } catch (IllegalArgumentException e) {
            throw usage(e);
        }
        if (sideBySide != null && !VideoKind.extension(sideBySide).equals("png")) {
            throw usage("Expected --side-by-side to name a .png file but found " + sideBySide.getFileName());
        }
        if (fps != null && !(fps > 0 && Double.isFinite(fps))) {
            throw usage("Expected --fps > 0 but found " + fps);
        }
        maxFrames.value(); // checked before any work
    }
}
