package org.videoshop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.cli.video.Clip;
import org.videoshop.cli.video.Frames;
import org.videoshop.cli.video.VideoIO;

/** {@code videoshop demo} on a generated sample folder, and {@code videoshop info}. */
class DemoAndInfoTest {

    @TempDir
    Path dir;

    @Test
    void demoWritesInputEditAndOutputsSideBySide() throws IOException {
        Path sample = dir.resolve("sample");
        List<BufferedImage> frames = TestClips.movingDisc(8, 48, 40);
        VideoIO.write(Clip.of(frames), sample.resolve("source"), 7);
        BufferedImage edited = TestClips.frame(0, 8, 48, 40, new Color(250, 220, 30));
        ImageIO.write(edited, "png", sample.resolve("edited_first.png").toFile());

        Path out = dir.resolve("demo");
        Cli.Run run = Cli.run("demo", "--output", out.toString(), "--sample", sample.toString(), "--model",
                Cli.RANDOM_TINY.toString(), "--steps", "4", "--strength", "0.5");
        assertEquals(0, run.exit(), run::toString);
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(Set.of("input.mp4", "input.gif", "edited_first.png", "output.mp4", "output.gif",
                    "side_by_side.png"), s.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
        assertTrue(run.out().contains("side_by_side.png"), run.out());
        assertTrue(run.err().contains("edit") && run.err().contains("100%"), "one progress bar: " + run.err());
        for (String name : List.of("input.mp4", "input.gif", "output.mp4", "output.gif")) {
            Clip c = VideoIO.read(out.resolve(name));
            assertEquals(8, c.size(), name);
            assertEquals(48, c.width(), name);
            assertEquals(40, c.height(), name);
            assertEquals(7.0, c.fps(), 0.2, name);
        }
        assertTrue(Frames.sameRgb(edited, ImageIO.read(out.resolve("edited_first.png").toFile())));
        BufferedImage grid = ImageIO.read(out.resolve("side_by_side.png").toFile());
        int gap = SideBySide.GAP;
        assertEquals(3 * (48 * 4 + gap) - gap, grid.getWidth(),
                "first, middle and last frame, 40 px frames enlarged 4x to reach 128 px");
        assertEquals(2 * (40 * 4 + gap) - gap, grid.getHeight());
    }

    @Test
    void demoRefusesASideBySideFrameOutsideTheClipBeforeEditing() throws IOException {
        Path sample = dir.resolve("sample");
        VideoIO.write(Clip.of(TestClips.movingDisc(8, 48, 40)), sample.resolve("source"), 7);
        ImageIO.write(TestClips.frame(0, 8, 48, 40, new Color(250, 220, 30)), "png",
                sample.resolve("edited_first.png").toFile());
        Cli.Run run = Cli.run("demo", "--output", dir.resolve("demo").toString(), "--sample", sample.toString(),
                "--model", Cli.RANDOM_TINY.toString(), "--side-by-side-frames", "0,8");
        assertEquals(VideoshopCli.EXIT_USAGE, run.exit(), run::toString);
        assertTrue(run.err().contains("between 0 and 7") && run.err().contains("found 8"), run::toString);
        assertTrue(!run.err().contains("decode"), "refused before decoding: " + run.err());
        assertTrue(!Files.exists(dir.resolve("demo")));
    }

    @Test
    void demoWithoutASampleSaysWhatIsMissing() {
        if (getClass().getClassLoader().getResource(Sample.RESOURCE_DIR + "edited_first.png") != null) {
            return; // the bundled sample exists: nothing is missing
        }
        Cli.Run run = Cli.run("demo", "--output", dir.resolve("demo").toString(), "--quiet");
        assertEquals(VideoshopCli.EXIT_FAILURE, run.exit(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
        assertTrue(run.err().contains("pass --sample DIR"), run::toString);
        assertTrue(!Files.exists(dir.resolve("demo")));
    }

    @Test
    void infoListsBackendsProvidersRuntimeAndTheModelSpec() {
        Cli.Run run = Cli.run("info", "--model", Cli.RANDOM_TINY.toString());
        assertEquals(0, run.exit(), run::toString);
        String out = run.out();
        assertTrue(out.contains("Latent backends: java"), out);
        assertTrue(out.contains("Default backend: "), out);
        assertTrue(out.contains("Model providers: onnx (rank 100), built-in models: tiny"), out);
        assertTrue(out.matches("(?s).*ONNX Runtime: \\d+\\.\\d+.*execution providers \\[.*CPU.*].*"), out);
        assertTrue(out.contains("name               random-tiny"), out);
        assertTrue(out.contains("latentChannels     4"), out);
        assertTrue(out.contains("width              32"), out);
        assertTrue(out.contains("guidanceMin        1.0"), out);
        assertTrue(out.contains("guidanceMax        3.0"), out);
        assertTrue(out.contains("Recommended guidance: 1.0 to 3.0 (first to last frame; used when --guidance is not"
                + " given)"), "random-tiny's manifest has no guidance: SVD's\n" + out);
        assertTrue(out.contains("sigmaThreshold     1.0"), out);
        assertTrue(out.contains("Recommended inversion threshold Sigma: 1.0 (used when --sigma-threshold is not"
                + " given; the paper's is 1.0)"), "random-tiny's manifest has no sigmaThreshold: the paper's\n" + out);
    }

    @Test
    void infoPrintsTheBundledTinyModelsRecommendedGuidanceAndSigma() throws IOException {
        // what the bundled manifest states, read with Jackson (tiny v1: 1.0 to 1.5, Sigma 0.25)
        JsonNode manifest;
        try (InputStream in = DemoAndInfoTest.class.getClassLoader()
                .getResourceAsStream("videoshop/models/tiny/videoshop-model.json")) {
            assertNotNull(in, "the bundled tiny manifest is on the class path");
            manifest = new ObjectMapper().readTree(in);
        }
        double min = manifest.path("video").path("guidance").path("min").asDouble();
        double max = manifest.path("video").path("guidance").path("max").asDouble();
        double sigma = manifest.path("schedule").path("sigmaThreshold").asDouble();
        Cli.Run run = Cli.run("info", "--model", "tiny");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("name               tiny"), run.out());
        assertTrue(run.out().contains("Recommended guidance: " + min + " to " + max + " (first to last frame"),
                run.out());
        assertTrue(run.out().contains("sigmaThreshold     " + sigma), run.out());
        assertTrue(run.out().contains("Recommended inversion threshold Sigma: " + sigma + " (used when"
                + " --sigma-threshold is not given"), run.out());
    }
}
