package org.videoshop.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.videoshop.Stage;
import org.videoshop.Windows;
import org.videoshop.cli.video.Clip;
import org.videoshop.cli.video.ClipSource;
import org.videoshop.cli.video.VideoIO;
import org.videoshop.cli.video.VideoKind;
import org.videoshop.onnx.store.InversionFiles;
import org.videoshop.onnx.store.InversionWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code videoshop invert}: inverts a clip once and saves the inversion ({@code .inv}), so that any number of
 * later {@code videoshop edit --inverted} runs cost only the generation half. Streams: a window at a time is read,
 * inverted and appended to the file.
 */
@Command(name = "invert", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Inverts a video once and saves it, for many edits with 'videoshop edit --inverted'.",
                "The file holds the source frames at the model's resolution and the inversion of each window; it is"
                        + " valid for the same model and the same settings flags only."},
        footer = {"", "Example:", "  videoshop invert --input clip.mp4 --output clip.inv",
                "  videoshop edit --inverted clip.inv --input clip.mp4 --edited-first red.png --output red.mp4",
                "  videoshop edit --inverted clip.inv --input clip.mp4 --edited-first blue.png --output blue.mp4"})
public final class InvertCommand extends EditingCommand {

    /** The extension an inversion file must have. */
    static final String EXTENSION = "inv";

    @Option(names = {"-i", "--input"}, paramLabel = "IN", required = true,
            description = "The source video: a video file, an animated GIF, or a folder of numbered PNG frames.")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.inv", required = true,
            description = "Where to write the inversion (replaced atomically when it exists).")
    Path output;

    @Mixin
    MaxFramesOption maxFrames;

    @Override
    int run() throws Exception {
        long start = System.nanoTime();
        // streaming: frames are read and each window's inversion appended to the file as it is made, so the memory
        // held does not grow with the clip's length; a failure or Ctrl-C leaves no file behind
        try (CancelOnShutdown cancel = new CancelOnShutdown();
             ClipSource source = VideoIO.open(input, maxFrames.value(), Clip.DEFAULT_FPS)) {
            String summary = Editing.withEditor(options(), settings.model(), out, err(),
                    (editor, bars) -> {
                        try (InversionWriter writer = InversionFiles.writer(output)) {
                            Windows plan = editor.invert(source, writer, bars, cancel.token());
                            cancel.token().check(Stage.INVERT, plan.count()); // Ctrl-C: write nothing
                            writer.finish();
                            return String.format(Locale.ROOT, "Inverted %s%s with model %s (backend %s) in %.1f s;"
                                            + " wrote %s (%d KB)", source,
                                    plan.count() == 1 ? "" : " in " + plan.count() + " windows of " + plan.size()
                                            + " frames", editor.model().spec().name(), editor.backend(),
                                    (System.nanoTime() - start) / 1e9, output, (Files.size(output) + 1023) / 1024);
                        }
                    });
            summary(summary);
        }
        return 0;
    }

    @Override
    void checkArguments() {
        try {
            VideoKind.ofInput(input);
        } catch (IllegalArgumentException e) {
            throw usage(e);
        }
        if (!VideoKind.extension(output).equals(EXTENSION)) {
            throw usage("Expected --output to name a ." + EXTENSION + " file but found " + output.getFileName());
        }
        maxFrames.value(); // checked before any work
    }
}
