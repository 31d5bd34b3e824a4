package org.videoshop.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.videoshop.cli.video.FfmpegVideo;
import org.videoshop.cli.video.PngFolder;
import org.videoshop.cli.video.VideoIO;
import org.videoshop.cli.video.VideoKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code videoshop first-frame}: writes frame 0 of a video as a PNG, to be edited in any image editor. */
@Command(name = "first-frame", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "Writes frame 0 of a video at the video's size as a PNG, for editing in any image editor.",
        footer = {"", "Example:", "  videoshop first-frame --input clip.mp4 --output first.png"})
public final class FirstFrameCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--input"}, paramLabel = "IN", required = true,
            description = "A video file, an animated GIF, or a folder of numbered PNG frames.")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "FRAME.png", required = true,
            description = "The PNG file to write.")
    Path output;

    @Mixin
    OutputOptions out;

    @Override
    public Integer call() throws Exception {
        if (!VideoKind.extension(output).equals("png")) {
            throw new ParameterException(spec.commandLine(),
                    "Expected --output to name a .png file but found " + output.getFileName());
        }
        FfmpegVideo.logNativeMessages(out.verbose());
        BufferedImage first = VideoIO.firstFrame(input);
        PngFolder.writeImage(first, output);
        if (!out.quiet()) {
            spec.commandLine().getOut().printf("Wrote frame 0 of %s (%dx%d) to %s%n", input, first.getWidth(),
                    first.getHeight(), output);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
