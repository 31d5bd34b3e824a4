package org.videoshop.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.videoshop.cli.video.Clip;
import org.videoshop.cli.video.PngFolder;
import org.videoshop.cli.video.VideoIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code videoshop demo}: edits the bundled sample clip with its bundled edited first frame and writes the input,
 * the edited frame, the output (MP4 and GIF) and a side-by-side PNG into a folder.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Edits the bundled sample clip (a photograph under a slow camera pan, 384x216, 14 frames, with boats"
                + " and sky recoloured in its first frame) and writes the results into DIR.",
                "Writes input.mp4, input.gif, edited_first.png, output.mp4, output.gif and side_by_side.png"
                        + " (top row: source, bottom row: output; first, middle and last frame unless"
                        + " --side-by-side-frames says otherwise)."},
        footer = {"", "Examples:", "  videoshop demo --output demo",
                "  videoshop demo --output demo --side-by-side-frames 0,4,9,13"})
public final class DemoCommand extends EditingCommand {

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true,
            description = "The folder to write into (created when missing).")
    Path output;

    @Option(names = "--sample", paramLabel = "DIR",
            description = "Use this sample instead of the bundled one: DIR/source/ (numbered PNG frames) and "
                    + "DIR/edited_first.png.")
    Path sampleDir;

    @Option(names = "--side-by-side-frames", paramLabel = "I,J,...", split = ",",
            description = "Frames shown in side_by_side.png (default: first, middle and last).")
    List<Integer> sideBySideFrames;

    @Override
    int run() throws Exception {
        Sample sample = sampleDir != null ? Sample.fromFolder(sampleDir) : Sample.bundled();
        Clip source = sample.source();
        int[] shown = sideBySideFrames(sideBySideFrames, source.size()); // checked before the edit
        try (CancelOnShutdown cancel = new CancelOnShutdown()) {
            Editing.Outcome result = Editing.run(options(), settings.model(), source.frames(), sample.editedFirst(),
                    null, cancel.token(), out, err());
            Clip edited = source.withFrames(result.frames());
            double fps = source.fpsOr(Clip.DEFAULT_FPS);
            List<Path> written = new ArrayList<>();
            written.add(VideoIO.write(source, output.resolve("input.mp4"), fps).path());
            written.add(VideoIO.write(source, output.resolve("input.gif"), fps).path());
            PngFolder.writeImage(sample.editedFirst(), output.resolve("edited_first.png"));
            written.add(output.resolve("edited_first.png"));
            written.add(VideoIO.write(edited, output.resolve("output.mp4"), fps).path());
            written.add(VideoIO.write(edited, output.resolve("output.gif"), fps).path());
            Path grid = output.resolve("side_by_side.png");
            SideBySide side = SideBySide.of(shown, source.width(), source.height());
            side.captureAll(source.frames(), edited.frames());
            PngFolder.writeImage(side.image(), grid);
            written.add(grid);
            List<String> lines = new ArrayList<>();
            lines.add(String.format("Edited the sample (%s) with model %s (backend %s) in %.1f s.", source,
                    result.model(), result.backend(), result.nanos() / 1e9));
            written.forEach(p -> lines.add("  wrote " + p));
            lines.add("Look at " + grid + " (top row: source; bottom row: edited).");
            summary(lines.toArray(String[]::new));
        }
        return 0;
    }
}
