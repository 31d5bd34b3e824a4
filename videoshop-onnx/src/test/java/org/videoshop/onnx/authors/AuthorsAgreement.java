package org.videoshop.onnx.authors;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.videoshop.VideoshopOptions;

/**
 * The fixture under src/test/resources/authors/svd-tiny (a random SVD-architecture model exported by export_svd.py,
 * and reference.py's runs of the authors' code on its weights, one per normalisation) and the per-stage check
 * shared by the java and nd4j backends' tests.
 */
public final class AuthorsAgreement {

    /** Relative L2 tolerance of every latent, condition and embedding stage (fp32 on both sides). */
    public static final double STAGE_TOLERANCE = 1e-3;
    /** Decoded frames against the authors', PSNR in dB. */
    public static final double FRAMES_PSNR = 45;

    private AuthorsAgreement() {
    }

    /** The fixture folder: {@code -Dvideoshop.authors.fixture=DIR}, else the test resource. */
    public static Path fixture() {
        String p = System.getProperty("videoshop.authors.fixture");
        if (p != null && !p.isBlank()) {
            return Path.of(p);
        }
        URL url = AuthorsAgreement.class.getClassLoader().getResource("authors/svd-tiny/bundle/videoshop-model.json");
        if (url == null) {
            throw new IllegalStateException("Expected the test resource authors/svd-tiny on the classpath");
        }
        try {
            if ("jar".equals(url.getProtocol())) {
                return extractedFromJar(url.toURI());
            }
            return Path.of(url.toURI()).getParent().getParent();
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("Expected to read the test resource authors/svd-tiny at " + url, e);
        }
    }

    private static Path extracted;

    /**
     * In a reactor build other modules see this module's test resources inside its test jar, where the bundle
     * cannot be opened as files: copies the fixture once into a temporary folder deleted when the JVM exits.
     */
    private static synchronized Path extractedFromJar(URI manifest) throws IOException {
        if (extracted != null) {
            return extracted;
        }
        Path target = Files.createTempDirectory("videoshop-authors-fixture");
        try (FileSystem jar = FileSystems.newFileSystem(manifest, Map.of());
             Stream<Path> files = Files.walk(jar.getPath("/authors/svd-tiny"))) {
            Path root = jar.getPath("/authors/svd-tiny");
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(root.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(target)));
        extracted = target;
        return target;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // best effort at JVM exit
        }
    }

    /** Per-stage errors of a Java run against one reference: relative L2 per stage, PSNR of the frames. */
    public record Agreement(Map<String, Double> relative, double framesPsnr, List<String> missing) {

        public double worst() {
            return relative.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }

        public String table() {
            StringBuilder b = new StringBuilder();
            relative.forEach((k, v) -> b.append(String.format("  %-22s %.3e%n", k, v)));
            return b.append(String.format("  %-22s %.2f dB%n", "frames", framesPsnr)).toString();
        }
    }

    /** Edits the fixture's clip with {@code options} on {@code backend} and measures it against {@code reference}. */
    public static Agreement measure(String reference, VideoshopOptions options, String backend) {
        Path root = fixture();
        AuthorsReference ref = new AuthorsReference(root.resolve(reference));
        Map<String, float[]> java = ref.runJava(root.resolve("bundle"), options, backend);
        Map<String, Double> rel = new java.util.LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String stage : ref.stages()) {
            if (stage.equals("frames") || stage.equals("rescaled") || stage.startsWith("unet_")) {
                continue;
            }
            float[] j = java.get(stage);
            if (j == null) {
                missing.add(stage);
                continue;
            }
            rel.put(stage, AuthorsReference.relativeError(j, ref.stage(stage)));
        }
        double psnr = ref.stages().contains("frames") ? AuthorsReference.psnr(java.get("frames"), ref.stage("frames"))
                : Double.NaN;
        return new Agreement(rel, psnr, missing);
    }

    /** Asserts every stage within {@link #STAGE_TOLERANCE} and the frames at {@link #FRAMES_PSNR} or better. */
    public static Agreement assertAgrees(String reference, String backend) {
        AuthorsReference ref = new AuthorsReference(fixture().resolve(reference));
        Agreement a = measure(reference, ref.options(), backend);
        System.out.println("authors' code vs Java (" + reference + ", " + backend + "):\n" + a.table());
        assertTrue(a.missing().isEmpty(), "Expected the Java run to produce every reference stage but it lacks "
                + a.missing());
        assertTrue(a.relative().size() >= 4, "Expected at least 4 stages to compare but found " + a.relative());
        a.relative().forEach((stage, err) -> assertTrue(err <= STAGE_TOLERANCE, "Expected " + stage
                + " within relative " + STAGE_TOLERANCE + " of the authors' but found " + err + "\n" + a.table()));
        assertTrue(Double.isNaN(a.framesPsnr()) || a.framesPsnr() >= FRAMES_PSNR, "Expected decoded frames at >= " + FRAMES_PSNR
                + " dB PSNR against the authors' but found " + a.framesPsnr() + "\n" + a.table());
        return a;
    }
}
