package org.videoshop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.cli.video.Clip;
import org.videoshop.cli.video.Frames;
import org.videoshop.cli.video.JavacvDecode;
import org.videoshop.cli.video.VideoIO;

/** {@code videoshop first-frame} writes exactly frame 0 of the decoded input, at the input's size. */
class FirstFrameCommandTest {

    @TempDir
    Path dir;

    private final Clip clip = new Clip(TestClips.movingDisc(6, 50, 34), 7.0);

    private BufferedImage firstFrameOf(Path input) throws IOException {
        Path png = dir.resolve("first.png");
        Cli.Run run = Cli.run("first-frame", "--input", input.toString(), "--output", png.toString());
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("50x34"), run.out());
        return ImageIO.read(png.toFile());
    }

    @Test
    void pngFolderGivesItsFirstFileExactly() throws IOException {
        Path in = dir.resolve("frames");
        VideoIO.write(clip, in, 7);
        BufferedImage first = firstFrameOf(in);
        assertTrue(Frames.sameRgb(ImageIO.read(in.resolve("frame_0000.png").toFile()), first));
        assertTrue(Frames.sameRgb(clip.frames().get(0), first));
    }

    @Test
    void gifGivesImageIosFirstImageExactly() throws IOException {
        Path in = dir.resolve("clip.gif");
        VideoIO.write(clip, in, 7);
        assertTrue(Frames.sameRgb(ImageIO.read(in.toFile()), firstFrameOf(in)));
    }

    @Test
    void mp4GivesJavacvsFirstDecodedFrameExactly() throws IOException {
        Path in = dir.resolve("clip.mp4");
        VideoIO.write(clip, in, 7);
        BufferedImage first = firstFrameOf(in);
        assertEquals(50, first.getWidth());
        assertEquals(34, first.getHeight());
        assertTrue(Frames.sameRgb(JavacvDecode.firstFrame(in), first));
    }
}
