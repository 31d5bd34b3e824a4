package org.videoshop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.cli.video.Clip;
import org.videoshop.cli.video.VideoIO;

/**
 * {@code videoshop invert} and {@code videoshop edit --inverted} on the real ONNX random-tiny bundle (T = 8,
 * 32x32): the edit from a saved inversion equals the direct edit frame for frame, at the model's resolution and,
 * with {@code --input}, at the input's; settings that differ from the inversion's fail in one line.
 */
class InvertCliTest {

    static final int FRAMES = 3 * 8 + 2;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    static Path big;
    static Path small;
    static Path editedBig;
    static Path editedSmall;
    static Path otherSmall;
    static Path mask;

    @BeforeAll
    static void writeInputs() throws IOException {
        big = shared.resolve("big");
        small = shared.resolve("small");
        VideoIO.write(Clip.of(TestClips.movingDisc(FRAMES, 48, 40)), big, 7);
        VideoIO.write(Clip.of(TestClips.movingDisc(FRAMES, 32, 32)), small, 7);
        editedBig = shared.resolve("edited_big.png");
        ImageIO.write(TestClips.frame(0, FRAMES, 48, 40, new Color(250, 220, 30)), "png", editedBig.toFile());
        editedSmall = shared.resolve("edited_small.png");
        ImageIO.write(TestClips.frame(0, FRAMES, 32, 32, new Color(250, 220, 30)), "png", editedSmall.toFile());
        otherSmall = shared.resolve("other_small.png");
        ImageIO.write(TestClips.frame(0, FRAMES, 32, 32, new Color(30, 220, 250)), "png", otherSmall.toFile());
        mask = shared.resolve("mask.png");
        ImageIO.write(BeyondCliTest.rectangle(2, 10, 24, 30), "png", mask.toFile());
    }

    /** {@code invert} with the same model and settings as {@link Cli#edit}. */
    static Cli.Run invert(Path in, Path out, String... extra) {
        String[] base = {"invert", "--input", in.toString(), "--output", out.toString(), "--model",
                Cli.RANDOM_TINY.toString(), "--steps", "4", "--strength", "0.5", "--quiet"};
        return Cli.run(Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new));
    }

    /** {@code edit --inverted} with the same model and settings as {@link Cli#edit}. */
    static Cli.Run editInverted(Path inv, Path editedFirst, Path out, String... extra) {
        String[] base = {"edit", "--inverted", inv.toString(), "--edited-first", editedFirst.toString(), "--output",
                out.toString(), "--model", Cli.RANDOM_TINY.toString(), "--steps", "4", "--strength", "0.5", "--quiet"};
        return Cli.run(Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new));
    }

    static void assertSameFrames(Path expected, Path actual) throws IOException {
        List<java.awt.image.BufferedImage> a = VideoIO.read(expected).frames();
        List<java.awt.image.BufferedImage> b = VideoIO.read(actual).frames();
        assertEquals(a.size(), b.size(), "frame count");
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).getWidth(), b.get(i).getWidth(), "width");
            assertEquals(0.0, TestClips.meanAbsDiff(a.get(i), b.get(i)), "frame " + i);
        }
    }

    @Test
    void editsFromASavedInversionEqualTheDirectEditAtTheModelsResolution() throws IOException {
        Path inv = dir.resolve("clip.inv");
        Cli.Run inverted = invert(small, inv);
        assertEquals(0, inverted.exit(), inverted::toString);
        assertTrue(Files.size(inv) > 0);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("clip.inv"), files.map(f -> f.getFileName().toString()).toList(),
                    "the streamed file moved into place, no temporary file left");
        }

        Path direct = dir.resolve("direct");
        assertEquals(0, Cli.edit(small, editedSmall, direct).exit());
        Path fromFile = dir.resolve("from_file");
        Cli.Run run = editInverted(inv, editedSmall, fromFile);
        assertEquals(0, run.exit(), run::toString);
        assertSameFrames(direct, fromFile);

        Path directOther = dir.resolve("direct_other");
        assertEquals(0, Cli.edit(small, otherSmall, directOther).exit());
        Path second = dir.resolve("second");
        assertEquals(0, editInverted(inv, otherSmall, second).exit());
        assertSameFrames(directOther, second);
        assertNotEquals(0.0, TestClips.meanAbsDiff(VideoIO.read(fromFile).frames().get(0),
                VideoIO.read(second).frames().get(0)), "a second edit of the same inversion is another edit");
    }

    @Test
    void withTheInputAndAMaskTheEditIsTheDirectOneAtTheInputsSize() throws IOException {
        Path inv = dir.resolve("clip.inv");
        Cli.Run inverted = Cli.run("invert", "-i", big.toString(), "-o", inv.toString(), "-m",
                Cli.RANDOM_TINY.toString(), "--steps", "4", "--strength", "0.5");
        assertEquals(0, inverted.exit(), inverted::toString);
        assertTrue(inverted.out().startsWith("Inverted big (" + FRAMES + " frames, 48x40) in 4 windows of 8 frames"),
                inverted.out());

        Path direct = dir.resolve("direct");
        assertEquals(0, Cli.edit(big, editedBig, direct, "--mask", mask.toString()).exit());
        Path fromFile = dir.resolve("from_file");
        Cli.Run run = editInverted(inv, editedBig, fromFile, "--input", big.toString(), "--mask", mask.toString());
        assertEquals(0, run.exit(), run::toString);
        assertSameFrames(direct, fromFile);
        assertEquals(48, VideoIO.read(fromFile).width());
    }

    @Test
    void settingsOrInputsThatDoNotMatchTheInversionFailInOneLine() throws IOException {
        Path inv = dir.resolve("clip.inv");
        assertEquals(0, invert(small, inv).exit());

        Cli.Run seed = editInverted(inv, editedSmall, dir.resolve("a"), "--seed", "9");
        assertEquals(VideoshopCli.EXIT_FAILURE, seed.exit(), seed::toString);
        assertEquals(1, seed.errLines().size(), seed::toString);
        assertTrue(seed.err().contains("expected an inversion made with these settings but it was made with "
                + "seed=42 (expected 9)"), seed.err());

        Cli.Run window = editInverted(inv, editedSmall, dir.resolve("a"), "--window", "6");
        assertEquals(VideoshopCli.EXIT_FAILURE, window.exit(), window::toString);
        assertTrue(window.err().contains("windowFrames=null (expected 6)"), window.err());

        Cli.Run size = editInverted(inv, editedBig, dir.resolve("a"));
        assertEquals(VideoshopCli.EXIT_FAILURE, size.exit(), size::toString);
        assertEquals(List.of("videoshop edit: Expected an edited first frame of 32x32 (the inversion's resolution;"
                + " give --input to edit at the input's size) but found 48x40"), size.errLines());

        Cli.Run other = editInverted(inv, editedBig, dir.resolve("a"), "--input", big.toString());
        assertEquals(VideoshopCli.EXIT_FAILURE, other.exit(), other::toString);
        assertEquals(1, other.errLines().size(), other::toString);
        assertTrue(other.err().contains("Expected the images the clip was inverted from but frame 0 differs"),
                other.err());

        Path notInv = Files.writeString(dir.resolve("x.inv"), "hello");
        Cli.Run garbage = editInverted(notInv, editedSmall, dir.resolve("a"));
        assertEquals(VideoshopCli.EXIT_FAILURE, garbage.exit(), garbage::toString);
        assertEquals(1, garbage.errLines().size(), garbage::toString);
        assertTrue(Files.notExists(dir.resolve("a")), "no output written");
    }

    @Test
    void flagsNamingTheModelsRecommendationsMatchAnInversionMadeWithoutThem() throws IOException {
        // random-tiny recommends nothing: Sigma is the paper's 1 and guidance SVD's 1,3
        Path inv = dir.resolve("clip.inv");
        assertEquals(0, invert(small, inv).exit());
        Path direct = dir.resolve("direct");
        assertEquals(0, Cli.edit(small, editedSmall, direct).exit());
        Path named = dir.resolve("named");
        Cli.Run run = editInverted(inv, editedSmall, named, "--sigma-threshold", "1", "--guidance", "1,3");
        assertEquals(0, run.exit(), run::toString);
        assertSameFrames(direct, named);

        Cli.Run other = editInverted(inv, editedSmall, dir.resolve("a"), "--sigma-threshold", "0.5");
        assertEquals(VideoshopCli.EXIT_FAILURE, other.exit(), other::toString);
        assertEquals(1, other.errLines().size(), other::toString);
        assertTrue(other.err().contains("expected an inversion made with these settings but it was made with "
                + "sigmaThreshold=1.0 (expected 0.5)"), other.err());
    }

    @Test
    void usageErrors() {
        Cli.Run neither = Cli.run("edit", "-e", editedSmall.toString(), "-o", dir.resolve("a").toString());
        assertEquals(VideoshopCli.EXIT_USAGE, neither.exit(), neither::toString);
        assertTrue(neither.err().contains("Expected --input IN (or --inverted FILE.inv) but found neither"),
                neither.err());

        Cli.Run max = editInverted(dir.resolve("c.inv"), editedSmall, dir.resolve("a"), "--max-frames", "3");
        assertEquals(VideoshopCli.EXIT_USAGE, max.exit(), max::toString);
        assertTrue(max.err().contains("Expected no --max-frames with --inverted"), max.err());

        Cli.Run ext = invert(small, dir.resolve("clip.mp4"));
        assertEquals(VideoshopCli.EXIT_USAGE, ext.exit(), ext::toString);
        assertTrue(ext.err().contains("Expected --output to name a .inv file but found clip.mp4"), ext.err());
    }
}
