package org.videoshop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded {@code videoshop.jar} as a user runs it ({@code java -jar}, in its own JVM): it carries every latent
 * backend, and the ND4J backend edits the same frames as the default one. Runs after {@code package}
 * (surefire's {@code shaded-jar} execution in the integration-test phase), on the bundled tiny model.
 */
class ShadedJarIT {

    private static final Path JAR = Path.of(System.getProperty("videoshop.cli.jar", "target/videoshop.jar"));

    @TempDir
    Path dir;

    @Test
    void nd4jEditFromTheJarMatchesTheDefaultBackendWithinTwoLevels() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "expected the shaded jar at " + JAR.toAbsolutePath());
        Path in = Files.createDirectories(dir.resolve("in"));
        List<BufferedImage> frames = TestClips.movingDisc(8, 32, 32);
        for (int i = 0; i < frames.size(); i++) {
            ImageIO.write(frames.get(i), "png", in.resolve(String.format("frame_%04d.png", i)).toFile());
        }
        Path edited = dir.resolve("edited.png");
        ImageIO.write(TestClips.frame(0, 8, 32, 32, Color.YELLOW), "png", edited.toFile());

        List<BufferedImage> reference = edit(null, in, edited, dir.resolve("out-default"));
        List<BufferedImage> nd4j = edit("nd4j", in, edited, dir.resolve("out-nd4j"));

        assertEquals(frames.size(), reference.size());
        assertEquals(reference.size(), nd4j.size());
        int worst = 0;
        for (int t = 0; t < reference.size(); t++) {
            worst = Math.max(worst, maxChannelDifference(reference.get(t), nd4j.get(t)));
        }
        assertTrue(worst <= 2, "expected nd4j's frames within 2/255 of the default backend's but found " + worst);
    }

    @Test
    void theJarCarriesNoBenchmarkHarness() throws IOException {
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            List<String> jmh = jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("org/openjdk/jmh/"))
                    .limit(3).toList();
            assertEquals(List.of(), jmh, "the CLI's evaluate needs the evaluation, not JMH");
            assertTrue(jar.getEntry("org/videoshop/nd4j/Nd4jKernels.class") != null, "the nd4j backend is in the jar");
        }
    }

    /** Runs {@code java [-Dvideoshop.backend=NAME] -jar videoshop.jar edit ...} and reads the PNG frames written. */
    private List<BufferedImage> edit(String backend, Path in, Path edited, Path out)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        if (backend != null) {
            cmd.add("-Dvideoshop.backend=" + backend);
        }
        cmd.addAll(List.of("-jar", JAR.toString(), "edit", "--input", in.toString(), "--edited-first",
                edited.toString(), "--output", out.toString(), "--steps", "10"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the edit ends");
        assertEquals(0, p.exitValue(), () -> String.join(" ", cmd) + "\n" + stdout);
        String used = backend == null ? "java" : backend;
        assertTrue(stdout.contains("(backend " + used + ")"), "expected the summary to name backend " + used
                + " but found: " + stdout);
        File[] files = out.toFile().listFiles((d, n) -> n.endsWith(".png"));
        List<BufferedImage> read = new ArrayList<>();
        if (files != null) {
            java.util.Arrays.sort(files);
            for (File f : files) {
                read.add(ImageIO.read(f));
            }
        }
        return read;
    }

    private static int maxChannelDifference(BufferedImage a, BufferedImage b) {
        assertEquals(a.getWidth(), b.getWidth());
        assertEquals(a.getHeight(), b.getHeight());
        int worst = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int s = 0; s <= 16; s += 8) {
                    worst = Math.max(worst, Math.abs(((p >> s) & 0xff) - ((q >> s) & 0xff)));
                }
            }
        }
        return worst;
    }
}
