package org.videoshop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.videoshop.cli.video.Clip;
import org.videoshop.cli.video.VideoIO;
import org.videoshop.Windows;

/**
 * Beyond the paper through the command line, on the real ONNX random-tiny bundle (native T = 8 frames, 32x32):
 * clips of 5, T and 3T+2 frames in windows, {@code --window}/{@code --overlap}, masked edits that leave the source
 * exact outside the feathered mask, and {@code invert} then {@code edit --inverted} giving the direct edit's frames.
 */
class BeyondCliTest {

    static final int T = 8;
    static final int LONG = 3 * T + 2;
    static final int W = 48;
    static final int H = 40;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    static Path editedFirst;
    static Path otherEdit;

    @BeforeAll
    static void writeInputs() throws IOException {
        for (int n : new int[] {5, T, LONG}) {
            VideoIO.write(Clip.of(TestClips.movingDisc(n, W, H)), shared.resolve("in" + n), 7);
        }
        VideoIO.write(Clip.of(TestClips.movingDisc(LONG, 32, 32)), shared.resolve("small" + LONG), 7);
        editedFirst = shared.resolve("edited.png");
        ImageIO.write(TestClips.frame(0, T, W, H, new Color(250, 220, 30)), "png", editedFirst.toFile());
        otherEdit = shared.resolve("other.png");
        ImageIO.write(TestClips.frame(0, T, W, H, new Color(30, 220, 250)), "png", otherEdit.toFile());
    }

    private static Path in(int frames) {
        return shared.resolve("in" + frames);
    }

    /** A white rectangle [x0, x1) x [y0, y1) on black, at the clip's size. */
    static BufferedImage rectangle(int x0, int y0, int x1, int y1) {
        BufferedImage m = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                m.setRGB(x, y, 0xffffff);
            }
        }
        return m;
    }

    @ParameterizedTest(name = "{0} frames")
    @ValueSource(ints = {5, T, LONG})
    void clipsOfAnyLengthComeBackWholeAtTheInputsSize(int frames) throws IOException {
        Path out = dir.resolve("out");
        Cli.Run run = Cli.edit(in(frames), editedFirst, out);
        assertEquals(0, run.exit(), run::toString);
        Clip result = VideoIO.read(out);
        assertEquals(frames, result.size(), "frame count");
        assertEquals(W, result.width(), "width");
        assertEquals(H, result.height(), "height");
        List<BufferedImage> source = TestClips.movingDisc(frames, W, H);
        double inDisc = TestClips.meanAbsDiff(source.get(0), result.frames().get(0), 5, H / 2 - 5, 10, 10);
        assertTrue(inDisc > 10, "frame 0 carries the edit: differs from the source in the disc by only " + inDisc);
    }

    @Test
    void windowAndOverlapFlagsSetThePlanAndTheSummarySaysSo() throws IOException {
        Path out = dir.resolve("out");
        Cli.Run run = Cli.run("edit", "-i", in(LONG).toString(), "-e", editedFirst.toString(), "-o", out.toString(),
                "-m", Cli.RANDOM_TINY.toString(), "--steps", "4", "--strength", "0.5", "--window", "5",
                "--overlap", "2");
        assertEquals(0, run.exit(), run::toString);
        int windows = Windows.plan(LONG, 5, 2).count();
        assertTrue(run.out().contains(" in " + windows + " windows of 5 frames "), run.out());
        assertEquals(LONG, VideoIO.read(out).size());

        Cli.Run defaults = Cli.run("edit", "-i", in(LONG).toString(), "-e", editedFirst.toString(), "-o",
                dir.resolve("out2").toString(), "-m", Cli.RANDOM_TINY.toString(), "--steps", "4", "--strength", "0.5");
        assertEquals(0, defaults.exit(), defaults::toString);
        assertTrue(defaults.out().contains(" in " + Windows.plan(LONG, T, 2).count() + " windows of " + T
                + " frames "), "default: the model's native frame count, overlap 2: " + defaults.out());

        Cli.Run bad = Cli.edit(in(LONG), editedFirst, dir.resolve("x"), "--window", "5", "--overlap", "5");
        assertEquals(VideoshopCli.EXIT_USAGE, bad.exit(), bad::toString);
        assertEquals(1, bad.errLines().size(), bad::toString);
        assertTrue(bad.err().contains("Expected --overlap below --window (5) but found 5"), bad.err());
    }

    @Test
    void outsideOneMaskBeyondItsFeatherTheOutputIsTheSourceExactly() throws IOException {
        Path mask = dir.resolve("mask.png");
        ImageIO.write(rectangle(2, 12, 22, 30), "png", mask.toFile());
        Path out = dir.resolve("out");
        Cli.Run run = Cli.edit(in(LONG), editedFirst, out, "--mask", mask.toString(), "--feather", "3");
        assertEquals(0, run.exit(), run::toString);
        List<BufferedImage> result = VideoIO.read(out).frames();
        List<BufferedImage> source = VideoIO.read(in(LONG)).frames();
        assertEquals(LONG, result.size());
        int[] box = {2, 12, 22, 30};
        for (int t = 0; t < LONG; t++) {
            assertEquals(0, maxDiffOutside(source.get(t), result.get(t), box, 3), "frame " + t);
        }
        double inside = TestClips.meanAbsDiff(source.get(0), result.get(0), 5, 15, 10, 10);
        assertTrue(inside > 10, "inside the mask frame 0 carries the edit, but differs by only " + inside);
    }

    @Test
    void perFrameMasksFromAFolderFollowTheirFrames() throws IOException {
        Path masks = Files.createDirectories(dir.resolve("masks"));
        int[][] boxes = new int[T][];
        for (int t = 0; t < T; t++) {
            boxes[t] = new int[] {2 + 3 * t, 8, 22 + 3 * t, 32};
            ImageIO.write(rectangle(boxes[t][0], boxes[t][1], boxes[t][2], boxes[t][3]), "png",
                    masks.resolve(String.format("mask_%02d.png", t)).toFile());
        }
        Path out = dir.resolve("out");
        Cli.Run run = Cli.edit(in(T), editedFirst, out, "--mask", masks.toString(), "--feather", "0");
        assertEquals(0, run.exit(), run::toString);
        List<BufferedImage> result = VideoIO.read(out).frames();
        List<BufferedImage> source = VideoIO.read(in(T)).frames();
        for (int t = 0; t < T; t++) {
            assertEquals(0, maxDiffOutside(source.get(t), result.get(t), boxes[t], 0), "frame " + t);
        }
    }

    @Test
    void masksOfTheWrongSizeOrCountFailInOneLine() throws IOException {
        Path small = dir.resolve("small.png");
        ImageIO.write(new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB), "png", small.toFile());
        Cli.Run size = Cli.edit(in(5), editedFirst, dir.resolve("a"), "--mask", small.toString());
        assertEquals(VideoshopCli.EXIT_FAILURE, size.exit(), size::toString);
        assertEquals(List.of("videoshop edit: Expected a mask of 48x40 like the frames but small.png is 32x32"),
                size.errLines());

        Path masks = Files.createDirectories(dir.resolve("masks"));
        ImageIO.write(rectangle(0, 0, 4, 4), "png", masks.resolve("m_0.png").toFile());
        ImageIO.write(rectangle(0, 0, 4, 4), "png", masks.resolve("m_1.png").toFile());
        Cli.Run count = Cli.edit(in(5), editedFirst, dir.resolve("b"), "--mask", masks.toString());
        assertEquals(VideoshopCli.EXIT_FAILURE, count.exit(), count::toString);
        assertEquals(1, count.errLines().size(), count::toString);
        assertTrue(count.err().contains("Expected one mask PNG per frame (5) in " + masks + " but found 2"),
                count.err());

        Cli.Run feather = Cli.edit(in(5), editedFirst, dir.resolve("c"), "--feather", "2");
        assertEquals(VideoshopCli.EXIT_USAGE, feather.exit(), feather::toString);
        assertTrue(feather.err().contains("Expected --mask with --feather but found no --mask"), feather.err());
        assertTrue(Files.notExists(dir.resolve("a")) && Files.notExists(dir.resolve("b")), "no output written");
    }

    /** Largest channel difference over pixels farther than {@code feather} (box distance) from the box. */
    static int maxDiffOutside(BufferedImage a, BufferedImage b, int[] box, int feather) {
        int max = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                boolean near = x >= box[0] - feather && x < box[2] + feather && y >= box[1] - feather
                        && y < box[3] + feather;
                if (near) {
                    continue;
                }
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int s = 0; s <= 16; s += 8) {
                    max = Math.max(max, Math.abs(((p >> s) & 0xff) - ((q >> s) & 0xff)));
                }
            }
        }
        return max;
    }
}
