package org.videoshop.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.videoshop.cli.video.PngFolder;
import org.videoshop.cli.video.VideoIO;
import org.videoshop.cli.video.VideoKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code videoshop first-frame}: writes frame 0 of a video as a PNG, to be edited in any image editor. */
@Command(name = "first-frame", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "Writes frame 0 of a video at the video's size as a PNG, for editing in any image editor.",
        footer = {"", "Example:", "  videoshop first-frame --input clip.mp4 --output first.png"})
public final class FirstFrameCommand extends ClipCommand {

    @Option(names = {"-i", "--input"}, paramLabel = "IN", required = true,
            description = "A video file, an animated GIF, or a folder of numbered PNG frames.")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "FRAME.png", required = true,
            description = "The PNG file to write.")
    Path output;

    @Override
    void checkArguments() {
        if (!VideoKind.extension(output).equals("png")) {
            throw usage("Expected --output to name a .png file but found " + output.getFileName());
        }
    }

    @Override
    int run() throws Exception {
        BufferedImage first = VideoIO.firstFrame(input);
        PngFolder.writeImage(first, output);
        summary("Wrote frame 0 of " + input + " (" + first.getWidth() + "x" + first.getHeight() + ") to " + output);
        return 0;
    }
}
