package org.videoshop.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.videoshop.FrameSink;
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
                Edited done = write(source, source::toString, source::timing, edited, "Expected the edited first"
                        + " frame to be " + source.width() + "x" + source.height() + " like the video",
                        (frames, maskFrames, sink) -> Editing.stream(options, settings.model(), frames, edited,
                                maskFrames, soft, sink, cancel.token(), out, err));
                summary(done);
            }
        }
        return 0;
    }

    /** What an edit made and wrote, for the summary printed once the progress bar has closed. */
    private record Edited(String source, Editing.Outcome outcome, VideoIO.Written written) {
    }

    /** One edit of frames (side-by-side capture included) with a mask (or null) into a sink. */
    @FunctionalInterface
    private interface EditRun {
        Editing.Outcome edit(FrameSource frames, FrameSource mask, FrameSink sink) throws IOException;
    }

    /**
     * Streams an edit of {@code frames} into {@code --output} (at a constant {@code --fps}, else at {@code timing}),
     * and the side-by-side image when asked: the outputs and the edited first frame's size ({@code expected}, the
     * message's start) are checked before any frame is read; the mask is read at the frames' size. {@code source}
     * describes the frames in the summary, once they have been read.
     */
    private Edited write(FrameSource frames, Supplier<String> source, Supplier<Timing> timing, BufferedImage edited,
                         String expected, EditRun run) throws IOException {
        int n = frames.frameCount();
        Timing times = fps != null ? Timing.constant(n, fps) : timing.get();
        SideBySide grid = sideBySide == null ? null
                : SideBySide.of(sideBySideFrames(sideBySideFrames, n), frames.width(), frames.height());
        checkOutputs(frames.width(), frames.height(), n, times, grid);
        if (edited.getWidth() != frames.width() || edited.getHeight() != frames.height()) {
            throw new IllegalArgumentException(expected + " but found " + edited.getWidth() + "x" + edited.getHeight());
        }
        try (FrameSource maskFrames = mask == null ? null : MaskFiles.open(mask, n, frames.width(), frames.height());
             ClipSink sink = VideoIO.create(output, frames.width(), frames.height(), times, input)) {
            Editing.Outcome outcome = run.edit(grid == null ? frames : grid.capturing(frames), maskFrames,
                    grid == null ? sink : grid.capturing(sink));
            VideoIO.Written written = sink.finish();
            if (grid != null) {
                PngFolder.writeImage(grid.image(), sideBySide);
            }
            return new Edited(source.get(), outcome, written);
        }
    }

    /**
     * {@code --inverted}: streams like a direct edit (the inversion and the source read a window at a time, the
     * output written as it is made); only the generation half runs. The output is checked before any frame is read.
     */
    private int fromInversion(VideoshopOptions options, BufferedImage edited, int soft, CancelOnShutdown cancel,
                              PrintWriter err) throws IOException {
        long start = System.nanoTime();
        Edited done = Editing.withEditor(options, settings.model(), out, err, (editor, bars) -> {
            try (InversionReader inversion = InversionFiles.open(inverted, editor);
                 FromInversion.Source source = FromInversion.open(inverted, inversion, input, editor,
                         fps != null ? fps : Clip.DEFAULT_FPS)) {
                FrameSource frames = source.frames();
                return write(frames, () -> source.description() + " from " + inverted, source::timing, edited,
                        "Expected an edited first frame of " + frames.width() + "x" + frames.height()
                                + (input == null ? " (the inversion's resolution; give --input to edit at the input's"
                                + " size)" : " like the video"), (shown, maskFrames, sink) -> {
                            Provenance p = editor.edit(inversion, shown, edited, maskFrames, soft, sink, bars,
                                    cancel.token());
                            ModelSpec model = editor.model().spec();
                            return new Editing.Outcome(List.of(), model.name(), editor.backend(), model,
                                    inversion.plan(), System.nanoTime() - start, p.width() + "x" + p.height());
                        });
            }
        });
        summary(done);
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

    private void summary(Edited done) {
        String source = done.source();
        Editing.Outcome result = done.outcome();
        VideoIO.Written written = done.written();
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
