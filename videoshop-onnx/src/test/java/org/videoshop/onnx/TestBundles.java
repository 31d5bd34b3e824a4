package org.videoshop.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Test bundles under src/test/resources/bundles, copies of them, manifest edits and reference pairs. */
final class TestBundles {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String RANDOM_TINY = "random-tiny";
    static final String SVD_FP16 = "svd-shaped-fp16";

    private TestBundles() {
    }

    /** The folder of a test resource (null when absent). */
    static Path resource(String name) {
        URL url = TestBundles.class.getClassLoader().getResource(name);
        if (url == null) {
            return null;
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path bundle(String name) {
        Path p = resource("bundles/" + name);
        if (p == null) {
            throw new IllegalStateException("test bundle " + name + " missing");
        }
        return p;
    }

    /** Copies a test bundle's files (not sub-folders) into a new folder under {@code dir}. */
    static Path copy(String name, Path dir) {
        Path target = dir.resolve(name);
        try {
            Files.createDirectories(target);
            try (Stream<Path> s = Files.list(bundle(name))) {
                for (Path p : s.toList()) {
                    Files.copy(p, target.resolve(p.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /**
     * The bundled tiny model's manifest as JSON, read from the classpath with Jackson (not by the library's own
     * parser): the recommendations the tests of the library's reading of them expect, whichever tiny is bundled.
     */
    static ObjectNode tinyManifest() {
        Path from = resource(OnnxModelProvider.TINY_RESOURCE);
        if (from == null) {
            throw new IllegalStateException("the bundled tiny model is not on the test classpath");
        }
        return manifest(from);
    }

    /**
     * A copy of the bundled tiny model's files (from the classpath, not sub-folders) in a new folder {@code tiny}
     * under {@code dir}, its manifest changed by {@code edit}; the ONNX files are the real ones.
     */
    static Path tinyCopy(Path dir, Consumer<ObjectNode> edit) {
        Path from = resource(OnnxModelProvider.TINY_RESOURCE);
        if (from == null) {
            throw new IllegalStateException("the bundled tiny model is not on the test classpath");
        }
        Path to = dir.resolve("tiny");
        try {
            Files.createDirectories(to);
            try (Stream<Path> s = Files.list(from)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    Files.copy(p, to.resolve(p.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode m = manifest(to);
        edit.accept(m);
        write(to, m);
        return to;
    }

    /** Writes {@code manifest} into {@code folder} and asserts that reading the bundle fails; returns the failure. */
    static InvalidBundleException refused(Path folder, JsonNode manifest) {
        write(folder, manifest);
        return org.junit.jupiter.api.Assertions.assertThrows(InvalidBundleException.class,
                () -> ModelBundle.read(folder));
    }

    static ObjectNode manifest(Path folder) {
        try {
            return (ObjectNode) JSON.readTree(folder.resolve(BundleManifest.FILE_NAME).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path folder, JsonNode manifest) {
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(folder.resolve(BundleManifest.FILE_NAME).toFile(),
                    manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One stored tensor of a reference pair. */
    record RefTensor(long[] shape, String dtype, float[] data) {
        int size() {
            return data.length;
        }
    }

    /** A stored PyTorch input/output pair of one network. */
    record Reference(Map<String, RefTensor> inputs, Map<String, RefTensor> outputs) {
    }

    static Reference reference(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            return new Reference(tensors(root.get("inputs")), tensors(root.get("outputs")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, RefTensor> tensors(JsonNode node) {
        Map<String, RefTensor> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            JsonNode t = e.getValue();
            long[] shape = new long[t.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.get("shape").get(i).asLong();
            }
            JsonNode d = t.get("data");
            float[] data = new float[d.size()];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) d.get(i).asDouble();
            }
            out.put(e.getKey(), new RefTensor(shape, t.get("dtype").asText(), data));
        });
        return out;
    }

    /** Largest |a - b| / (atol + rtol |b|); at most 1 means within tolerance. */
    static double worst(float[] actual, float[] expected, double atol, double rtol) {
        if (actual.length != expected.length) {
            throw new AssertionError("Expected " + expected.length + " values but found " + actual.length);
        }
        double w = 0;
        for (int i = 0; i < actual.length; i++) {
            double r = Math.abs(actual[i] - expected[i]) / (atol + rtol * Math.abs(expected[i]));
            if (!(r <= w)) {
                w = Double.isNaN(r) ? Double.POSITIVE_INFINITY : r;
            }
        }
        return w;
    }
}
