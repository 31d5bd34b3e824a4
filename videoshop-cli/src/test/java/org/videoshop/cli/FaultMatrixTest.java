package org.videoshop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.videoshop.cli.video.Clip;
import org.videoshop.cli.video.VideoIO;

/**
 * Faults beyond FailureTest's usage errors: broken model bundles (a UNet that outputs NaN mid-edit, truncated ONNX,
 * malformed or missing manifest, unknown fields, paths leaving the bundle), unreadable inputs, too few frames and
 * an output path that cannot be made. Each exits 1 with exactly one line on stderr (no stack trace without
 * {@code --verbose}) and leaves nothing in the output folder: no output, no temporary file, no created folder.
 */
class FaultMatrixTest {

    @TempDir
    static Path shared;

    @TempDir
    Path out;

    private static Path in;
    private static Path oneFrame;
    private static Path edited;
    private static Path garbage;

    @BeforeAll
    static void inputs() throws IOException {
        List<BufferedImage> frames = TestClips.movingDisc(4, 32, 32);
        in = shared.resolve("in_frames");
        VideoIO.write(Clip.of(frames), in, 7);
        oneFrame = shared.resolve("one_frame");
        VideoIO.write(Clip.of(frames.subList(0, 1)), oneFrame, 7);
        edited = shared.resolve("edited.png");
        ImageIO.write(TestClips.frame(0, 4, 32, 32, java.awt.Color.GREEN), "png", edited.toFile());
        garbage = shared.resolve("garbage.gif");
        Files.writeString(garbage, "GIF89a but not really\n");
        Files.writeString(shared.resolve("garbage.png"), "\u0089PNG not really\n");
    }

    /** A copy of random-tiny under {@code shared} with one change applied to its folder. */
    private static Path bundle(String name, BundleChange change) throws IOException {
        Path b = shared.resolve("bundles").resolve(name);
        Files.createDirectories(b);
        try (Stream<Path> s = Files.list(Cli.RANDOM_TINY)) {
            for (Path p : s.toList()) {
                Files.copy(p, b.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        change.apply(b);
        return b;
    }

    @FunctionalInterface
    private interface BundleChange {
        void apply(Path folder) throws IOException;
    }

    private static BundleChange manifest(UnaryOperator<String> edit) {
        return b -> {
            Path m = b.resolve("videoshop-model.json");
            Files.writeString(m, edit.apply(Files.readString(m)));
        };
    }

    static Stream<Arguments> brokenBundles() throws IOException {
        Path nan = Path.of(Cli.RANDOM_TINY.toString(), "..", "..", "broken", "nan_unet.onnx").normalize();
        return Stream.of(
                Arguments.of("nan-unet", (BundleChange) b -> Files.copy(nan, b.resolve("unet.onnx"),
                        StandardCopyOption.REPLACE_EXISTING), "Expected finite denoiser output at step"),
                Arguments.of("truncated-unet", (BundleChange) b -> {
                    byte[] full = Files.readAllBytes(b.resolve("unet.onnx"));
                    Files.write(b.resolve("unet.onnx"), java.util.Arrays.copyOf(full, full.length / 3));
                }, "expected a valid ONNX model for network unet"),
                Arguments.of("malformed-json", manifest(s -> s.substring(0, s.length() / 2)), "Invalid model bundle"),
                Arguments.of("unknown-field", manifest(s -> s.replaceFirst("\"format\"", "\"colour\": 1, \"format\"")),
                        "$.colour"),
                Arguments.of("escaping-path", manifest(s -> s.replace("\"unet.onnx\"", "\"../unet.onnx\"")),
                        "$.networks.unet.file"),
                Arguments.of("no-manifest", (BundleChange) b -> Files.delete(b.resolve("videoshop-model.json")),
                        "Expected"),
                Arguments.of("missing-network-file", (BundleChange) b -> Files.delete(b.resolve("vae_decoder.onnx")),
                        "vae_decoder.onnx"));
    }

    private static Cli.Run edit(Path input, Path editedFirst, Path output, Path model, String... extra) {
        List<String> a = new ArrayList<>(List.of("edit", "-i", input.toString(), "-e", editedFirst.toString(), "-o",
                output.toString(), "-m", model.toString(), "--steps", "10", "--strength", "0.8", "--quiet"));
        a.addAll(List.of(extra));
        return Cli.run(a.toArray(String[]::new));
    }

    private void assertOneLineFailure(Cli.Run run, String expected) throws IOException {
        assertEquals(VideoshopCli.EXIT_FAILURE, run.exit(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
        assertTrue(run.err().startsWith("videoshop ") && run.err().contains(expected), run::toString);
        assertFalse(run.err().contains("\tat "), run::toString);
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of(), s.toList(), "nothing left in the output folder");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenBundles")
    void aBrokenBundleFailsTheEditWithOneLineAndNoOutput(String name, BundleChange change, String expected)
            throws IOException {
        Path model = bundle(name, change);
        for (String target : new String[] {"made/here/out.gif", "frames_out"}) {
            assertOneLineFailure(edit(in, edited, out.resolve(target), model), expected);
        }
    }

    @Test
    void infoOnABrokenBundleFailsWithOneLine() throws IOException {
        Path model = bundle("info-truncated", b -> Files.write(b.resolve("unet.onnx"), new byte[10]));
        assertOneLineFailure(Cli.run("info", "--model", model.toString()), "unet");
    }

    @Test
    void aFailureMidEditUnderVerbosePrintsTheTraceThenTheSameLine() throws IOException {
        Path model = bundle("nan-verbose", b -> Files.copy(Path.of(Cli.RANDOM_TINY.toString(), "..", "..",
                "broken", "nan_unet.onnx").normalize(), b.resolve("unet.onnx"), StandardCopyOption.REPLACE_EXISTING));
        Cli.Run run = edit(in, edited, out.resolve("out.gif"), model, "--verbose");
        assertEquals(VideoshopCli.EXIT_FAILURE, run.exit(), run::toString);
        List<String> lines = run.errLines();
        assertTrue(lines.stream().anyMatch(l -> l.strip().startsWith("at org.videoshop.pipeline.")), run::toString);
        assertTrue(lines.get(lines.size() - 1).startsWith("videoshop edit: Expected finite denoiser output at step"),
                run::toString);
        assertFalse(Files.exists(out.resolve("out.gif")));
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("garbage video", "garbage.gif", "edited.png", "out.gif", "garbage.gif"),
                Arguments.of("one frame", "one_frame", "edited.png", "out.gif", "at least 2 frames but found 1"),
                Arguments.of("garbage edited frame", "in_frames", "garbage.png", "out.gif", "garbage.png"),
                Arguments.of("edited frame is a folder", "in_frames", "in_frames", "out.gif", "in_frames"),
                Arguments.of("output under a file", "in_frames", "edited.png", "blocker/out.gif", "blocker"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badFilesFailWithOneLineAndNoOutput(String name, String input, String editedFirst, String target,
                                            String expected) throws IOException {
        Path output = out.resolve(target);
        if (target.startsWith("blocker/")) {
            Path blocker = shared.resolve("blocker");
            Files.writeString(blocker, "a file where a folder is needed");
            output = blocker.resolve("out.gif");
        }
        assertOneLineFailure(edit(shared.resolve(input), shared.resolve(editedFirst), output, Cli.RANDOM_TINY),
                expected);
    }

    @Test
    void firstFrameOfGarbageFailsWithOneLine() throws IOException {
        assertOneLineFailure(Cli.run("first-frame", "-i", garbage.toString(), "-o", out.resolve("f.png").toString()),
                "garbage.gif");
    }
}
