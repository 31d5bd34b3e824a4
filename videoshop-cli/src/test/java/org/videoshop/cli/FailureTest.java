package org.videoshop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.videoshop.cli.video.Clip;
import org.videoshop.cli.video.VideoIO;

/** Every failure exits non-zero with one line on stderr that says what was expected, and leaves no output. */
class FailureTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private Path in;
    private Path edited;

    @BeforeEach
    void inputs() throws IOException {
        in = shared.resolve("in_frames");
        if (!Files.exists(in)) {
            List<BufferedImage> frames = TestClips.movingDisc(4, 32, 32);
            VideoIO.write(Clip.of(frames), in, 7);
            ImageIO.write(frames.get(0), "png", shared.resolve("edited.png").toFile());
            ImageIO.write(TestClips.frame(0, 4, 40, 32, java.awt.Color.RED), "png",
                    shared.resolve("wrong_size.png").toFile());
        }
        edited = shared.resolve("edited.png");
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(List.of("edit", "-i", "IN", "-e", "E", "-o", "OUT", "--bogus"),
                        "Unknown option: '--bogus'"),
                Arguments.of(List.of("edit", "--input", "x.mp4"), "Missing required options"),
                Arguments.of(List.of("frobnicate"), "Unmatched argument"),
                Arguments.of(List.of(), "Expected a command"),
                Arguments.of(List.of("edit", "-i", "IN", "-e", "E", "-o", "OUT", "--strength", "1.5"),
                        "Expected strength in (0, 1] but found 1.5"),
                Arguments.of(List.of("edit", "-i", "IN", "-e", "E", "-o", "OUT", "--steps", "abc"), "'abc'"),
                Arguments.of(List.of("edit", "-i", "IN", "-e", "E", "-o", "OUT", "--guidance", "1,x"),
                        "Expected MIN,MAX"),
                Arguments.of(List.of("edit", "-i", "IN", "-e", "E", "-o", "OUT", "--guidance", "-1,2"),
                        "Expected guidance scales >= 0"),
                Arguments.of(List.of("edit", "-i", "IN", "-e", "E", "-o", "OUT", "--inversion", "sideways"),
                        "expected extrapolated or naive but found 'sideways'"),
                Arguments.of(List.of("edit", "-i", "IN", "-e", "E", "-o", "OUT", "--backend", "nope"),
                        "latent backend named 'nope'"),
                Arguments.of(List.of("edit", "-i", "IN", "-e", "E", "-o", "OUT.png"), "found OUT.png"),
                Arguments.of(List.of("edit", "-i", "IN", "-e", "E", "-o", "OUT", "--side-by-side", "s.jpg"),
                        "Expected --side-by-side to name a .png file"),
                Arguments.of(List.of("first-frame", "-i", "IN", "-o", "first.jpg"),
                        "Expected --output to name a .png"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void usageErrorsExitTwoWithOneLine(List<String> args, String expected) throws IOException {
        String[] a = args.stream().map(s -> s.equals("IN") ? in.toString() : s.equals("E") ? edited.toString()
                : s.equals("OUT") || s.startsWith("OUT.") ? dir.resolve(s).toString() : s).toArray(String[]::new);
        Cli.Run run = Cli.run(a);
        assertEquals(VideoshopCli.EXIT_USAGE, run.exit(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
        assertTrue(run.err().contains(expected), run::toString);
        assertTrue(run.err().startsWith("videoshop"), run::toString);
        assertNothingIn(dir);
    }

    @Test
    void missingInputExitsOneAndWritesNothing() throws IOException {
        Path out = dir.resolve("deep/er/out.mp4");
        Cli.Run run = Cli.edit(dir.resolve("nope.mp4"), edited, out);
        assertEquals(VideoshopCli.EXIT_FAILURE, run.exit(), run::toString);
        assertEquals(List.of("videoshop edit: Expected a video file at " + dir.resolve("nope.mp4")
                + " but found nothing"), run.errLines());
        assertNothingIn(dir);
    }

    @Test
    void editedFrameOfAnotherSizeExitsOneAndWritesNothing() throws IOException {
        Cli.Run run = Cli.edit(in, shared.resolve("wrong_size.png"), dir.resolve("out.gif"));
        assertEquals(VideoshopCli.EXIT_FAILURE, run.exit(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
        assertTrue(run.err().contains("Expected the edited first frame to be 32x32 like the video but found 40x32"),
                run::toString);
        assertNothingIn(dir);
    }

    @Test
    void unknownModelExitsOneWithOneLine() throws IOException {
        Cli.Run run = Cli.run("edit", "-i", in.toString(), "-e", edited.toString(), "-o",
                dir.resolve("o.mp4").toString(), "--model", dir.resolve("no-model").toString());
        assertEquals(VideoshopCli.EXIT_FAILURE, run.exit(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
        assertTrue(run.err().contains("Expected a model bundle"), run::toString);
    }

    @Test
    void aFailedWriteLeavesTheFolderAsItWas() throws IOException {
        Path busy = Files.createDirectory(dir.resolve("busy"));
        Files.writeString(busy.resolve("notes.txt"), "mine");
        Cli.Run run = Cli.edit(in, edited, busy);
        assertEquals(VideoshopCli.EXIT_FAILURE, run.exit(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
        assertTrue(run.err().contains("found notes.txt in it"), run::toString);
        try (Stream<Path> s = Files.list(busy)) {
            assertEquals(List.of(busy.resolve("notes.txt")), s.toList());
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(busy), s.toList(), "no temporary folder left beside it");
        }
    }

    @Test
    void verbosePrintsTheStackTraceAndEndsWithTheSameLine() {
        Cli.Run run = Cli.run("first-frame", "-i", dir.resolve("nope.gif").toString(), "-o",
                dir.resolve("f.png").toString(), "--verbose");
        assertEquals(VideoshopCli.EXIT_FAILURE, run.exit(), run::toString);
        List<String> lines = run.errLines();
        assertTrue(lines.size() > 3, run::toString);
        assertTrue(lines.stream().anyMatch(l -> l.strip().startsWith("at org.videoshop.cli.")), run::toString);
        assertTrue(lines.get(lines.size() - 1).startsWith("videoshop first-frame: Expected a GIF file at"),
                run::toString);
        assertFalse(Files.exists(dir.resolve("f.png")));
    }

    private static void assertNothingIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.toList(), "nothing written");
        }
    }
}
