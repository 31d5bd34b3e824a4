package org.videoshop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.videoshop.cli.video.Clip;
import org.videoshop.cli.video.Frames;
import org.videoshop.cli.video.VideoIO;

/**
 * {@code videoshop edit} end to end, in this JVM: real FFmpeg, ImageIO and ONNX Runtime on the random-weights
 * tiny bundle, for every input and output kind.
 */
class EditCommandTest {

    static final int FRAMES = 8;
    static final int W = 48;
    static final int H = 40;

    @TempDir
    static Path shared;

    static List<BufferedImage> source;
    static Path editedFirst;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeInputs() throws IOException {
        source = TestClips.movingDisc(FRAMES, W, H);
        Clip clip = new Clip(source, 7.0);
        VideoIO.write(clip, shared.resolve("in.mp4"), 7);
        VideoIO.write(clip, shared.resolve("in.gif"), 7);
        VideoIO.write(clip, shared.resolve("in_frames"), 7);
        editedFirst = shared.resolve("edited.png");
        ImageIO.write(TestClips.frame(0, FRAMES, W, H, new Color(250, 220, 30)), "png", editedFirst.toFile());
    }

    static Stream<Arguments> kinds() {
        List<String> ins = List.of("in.mp4", "in.gif", "in_frames");
        List<String> outs = List.of("out.mp4", "out.gif", "out_frames");
        return ins.stream().flatMap(i -> outs.stream().map(o -> Arguments.of(i, o)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("kinds")
    void editsEveryKindIntoEveryKind(String in, String out) throws IOException {
        Path output = dir.resolve(out);
        Cli.Run run = Cli.edit(shared.resolve(in), editedFirst, output);
        assertEquals(0, run.exit(), run::toString);
        assertEquals("", run.err(), "--quiet prints nothing on stderr");
        Clip result = VideoIO.read(output);
        assertEquals(FRAMES, result.size(), "frame count");
        assertEquals(W, result.width(), "written at the input's width, not the model's 32");
        assertEquals(H, result.height(), "written at the input's height, not the model's 32");
        if (!out.endsWith("_frames")) {
            assertEquals(7.0, result.fps(), 0.2, "frame rate kept from the input");
        }
        // Frame 0 is pulled toward the edited frame; where the disc was recoloured the output differs from the
        // source by far more than codec error.
        int r = Math.max(3, Math.min(W, H) / 4);
        double inDisc = TestClips.meanAbsDiff(source.get(0), result.frames().get(0), r / 2, H / 2 - r / 2, r, r);
        assertTrue(inDisc > 10, "frame 0 differs from the source in the edited region by only " + inDisc);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(output.getFileName().toString()),
                    left.map(p -> p.getFileName().toString()).toList(), "nothing but the output is left");
        }
    }

    @Test
    void sideBySideHasSourceAboveOutputEnlarged() throws IOException {
        Path out = dir.resolve("out.gif");
        Path grid = dir.resolve("sbs.png");
        Cli.Run run = Cli.edit(shared.resolve("in_frames"), editedFirst, out, "--side-by-side", grid.toString(),
                "--fps", "12", "--side-by-side-frames", "7,0,1,2,3,4,5,6,0");
        assertEquals(0, run.exit(), run::toString);
        BufferedImage img = ImageIO.read(grid.toFile());
        int factor = (128 + H - 1) / H;
        int gap = Frames.GRID_GAP;
        assertEquals(FRAMES * (W * factor + gap) - gap, img.getWidth());
        assertEquals(2 * (H * factor + gap) - gap, img.getHeight());
        // Top-left cell is the source's frame 0, enlarged by nearest neighbour.
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                assertEquals(source.get(0).getRGB(x, y), img.getRGB(x * factor, y * factor), "pixel " + x + "," + y);
            }
        }
        assertEquals(12.0, VideoIO.read(out).fps(), 0.5, "--fps overrides the frame rate");
        // By default: first, middle and last frame only.
        Path three = dir.resolve("three.png");
        assertEquals(0, Cli.edit(shared.resolve("in_frames"), editedFirst, dir.resolve("o2"), "--side-by-side",
                three.toString()).exit());
        assertEquals(3 * (W * factor + gap) - gap, ImageIO.read(three.toFile()).getWidth());
        Cli.Run bad = Cli.edit(shared.resolve("in_frames"), editedFirst, dir.resolve("o3"), "--side-by-side",
                three.toString(), "--side-by-side-frames", "0,8");
        assertEquals(VideoshopCli.EXIT_USAGE, bad.exit(), bad::toString);
        assertTrue(bad.err().contains("between 0 and 7") && bad.err().contains("found 8"), bad::toString);
    }

    @Test
    void sameSeedGivesSameFramesAndSummaryNamesTheModel() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(0, Cli.edit(shared.resolve("in_frames"), editedFirst, a, "--seed", "7").exit());
        Cli.Run run = Cli.run("edit", "-i", shared.resolve("in_frames").toString(), "-e", editedFirst.toString(),
                "-o", b.toString(), "-m", Cli.RANDOM_TINY.toString(), "--steps", "4", "--strength", "0.5",
                "--seed", "7", "--inversion", "naive", "--no-normalize", "--guidance", "1,2", "--backend", "java");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("model random-tiny"), run.out());
        assertTrue(run.err().contains("edit") && run.err().contains("100%"), "one progress bar on stderr: "
                + run.err());
        assertEquals(1, java.util.Arrays.stream(run.err().split("\n")).filter(l -> !l.isBlank()).count(),
                "one bar, redrawn on one line: " + run.err());
        Clip ca = VideoIO.read(a);
        Clip cb = VideoIO.read(b);
        assertEquals(ca.size(), cb.size());
        Path c = dir.resolve("c");
        assertEquals(0, Cli.edit(shared.resolve("in_frames"), editedFirst, c, "--seed", "7").exit());
        Clip cc = VideoIO.read(c);
        for (int i = 0; i < FRAMES; i++) {
            assertEquals(0.0, TestClips.meanAbsDiff(ca.frames().get(i), cc.frames().get(i)), "frame " + i);
        }
    }
}
