package org.videoshop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.videoshop.diffusion.Prediction;
import org.videoshop.model.ModelSpec;

/** Every manifest field missing, of the wrong type or out of range once; unknown fields; malformed JSON. */
class ManifestValidationTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Fields a manifest may leave out. */
    private static final Set<String> OPTIONAL = Set.of("$.description", "$.networks.vaeDecoder.fixedChunk",
            "$.video.sizeMultiple");

    @TempDir
    Path tmp;

    /**
     * random-tiny without its optional {@code video.sizeMultiple}: the base these tests vary (the size multiple has
     * its own tests in SizeMultipleManifestTest).
     */
    private Path bundle() {
        Path b = TestBundles.copy(TestBundles.RANDOM_TINY, tmp);
        TestBundles.write(b, withoutSizeMultiple(TestBundles.manifest(b)));
        return b;
    }

    private static ObjectNode withoutSizeMultiple(ObjectNode m) {
        ((ObjectNode) m.get("video")).remove("sizeMultiple");
        return m;
    }

    private static InvalidBundleException invalid(Path folder, JsonNode manifest) {
        return TestBundles.refused(folder, manifest);
    }

    /** Every field path of the base manifest (objects and leaves; arrays are leaves), with its node. */
    static Stream<Arguments> fields() {
        ObjectNode m = withoutSizeMultiple(TestBundles.manifest(TestBundles.bundle(TestBundles.RANDOM_TINY)));
        List<Arguments> out = new ArrayList<>();
        walk("$", m, out);
        return out.stream();
    }

    private static void walk(String path, JsonNode node, List<Arguments> out) {
        node.fields().forEachRemaining(e -> {
            String p = path + "." + e.getKey();
            out.add(Arguments.of(p));
            if (e.getValue().isObject()) {
                walk(p, e.getValue(), out);
            }
        });
    }

    private static ObjectNode parentOf(ObjectNode root, String path) {
        String[] parts = path.substring(2).split("\\.");
        ObjectNode n = root;
        for (int i = 0; i < parts.length - 1; i++) {
            n = (ObjectNode) n.get(parts[i]);
        }
        return n;
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    @Test
    void readsTheRandomTinyManifestIntoASpec() {
        try (ModelBundle b = ModelBundle.read(TestBundles.bundle(TestBundles.RANDOM_TINY))) {
            BundleManifest m = b.manifest();
            assertEquals("random-tiny", m.name());
            assertNull(m.version());
            assertEquals("image_embeds", m.networks().imageEmbedder().output("embedding"));
            assertNull(m.networks().vaeDecoder().fixedChunk());
            ModelSpec s = m.toSpec(b.version());
            assertTrue(s.version().matches("sha256:[0-9a-f]{16}"), s.version());
            assertEquals(b.version(), ModelBundle.read(TestBundles.bundle(TestBundles.RANDOM_TINY)).version());
            assertEquals(4, s.latentChannels());
            assertEquals(2, s.downscale());
            assertEquals(0.5, s.scalingFactor());
            assertEquals(8, s.nativeFrames());
            assertEquals(64, s.maxFrames());
            assertEquals(32, s.width());
            assertEquals(Prediction.V, s.preconditioning().prediction());
            assertEquals(700.0, s.sigmaMax());
            assertEquals(64, s.embeddingDim());
            assertEquals(0.02, s.noiseAugStrength());
            assertEquals(ModelSpec.SVD_GUIDANCE_MIN, s.guidanceMin(), "no $.video.guidance: SVD's");
            assertEquals(ModelSpec.SVD_GUIDANCE_MAX, s.guidanceMax());
            assertEquals(ModelSpec.PAPER_SIGMA_THRESHOLD, s.sigmaThreshold(), "no $.schedule.sigmaThreshold: 1");
        }
    }

    @Test
    void wholeClipIsABooleanAndExcludesAFixedChunk() {
        Path b = bundle();
        ObjectNode base = TestBundles.manifest(b);
        ObjectNode m = base.deepCopy();
        ((ObjectNode) m.get("networks").get("vaeDecoder")).put("wholeClip", true).putNull("fixedChunk");
        TestBundles.write(b, m);
        try (ModelBundle read = ModelBundle.read(b)) {
            assertTrue(read.manifest().networks().vaeDecoder().wholeClip());
        }
        ((ObjectNode) m.get("networks").get("vaeDecoder")).put("fixedChunk", 7);
        TestBundles.write(b, m);
        InvalidBundleException both = assertThrows(InvalidBundleException.class, () -> ModelBundle.read(b));
        assertEquals("$.networks.vaeDecoder.wholeClip", both.field(), both.getMessage());
        assertTrue(both.getMessage().contains("false or absent when fixedChunk is set"), both.getMessage());
        ((ObjectNode) m.get("networks").get("vaeDecoder")).put("wholeClip", "yes").putNull("fixedChunk");
        TestBundles.write(b, m);
        assertEquals("$.networks.vaeDecoder.wholeClip",
                assertThrows(InvalidBundleException.class, () -> ModelBundle.read(b)).field());
    }

    @Test
    void aVersionFieldReplacesTheChecksum() {
        Path b = bundle();
        ObjectNode m = TestBundles.manifest(b);
        m.put("version", "svd-xt-1.1");
        TestBundles.write(b, m);
        try (ModelBundle read = ModelBundle.read(b)) {
            assertEquals("svd-xt-1.1", read.version());
            assertEquals("svd-xt-1.1", read.manifest().toSpec(read.version()).version());
        }
    }

    @ParameterizedTest(name = "missing {0}")
    @MethodSource("fields")
    void everyRequiredFieldMissingIsNamed(String path) {
        Path b = bundle();
        ObjectNode m = TestBundles.manifest(b);
        parentOf(m, path).remove(last(path));
        TestBundles.write(b, m);
        if (OPTIONAL.contains(path)) {
            ModelBundle.read(b).close();
            return;
        }
        InvalidBundleException e = assertThrows(InvalidBundleException.class, () -> ModelBundle.read(b));
        assertEquals(path, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @ParameterizedTest(name = "wrong type at {0}")
    @MethodSource("fields")
    void everyFieldOfTheWrongTypeIsNamed(String path) {
        Path b = bundle();
        ObjectNode m = TestBundles.manifest(b);
        ObjectNode parent = parentOf(m, path);
        JsonNode old = parent.get(last(path));
        JsonNode wrong = old.isTextual() ? F.numberNode(42) : old.isArray() ? F.numberNode(3)
                : old.isObject() ? F.textNode("x") : F.textNode("not a " + old.getNodeType());
        parent.set(last(path), wrong);
        InvalidBundleException e = invalid(b, m);
        assertEquals(path, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains("expected") && e.getMessage().contains("found"), e.getMessage());
    }

    static Stream<Arguments> outOfRange() {
        return Stream.of(
                Arguments.of("$.format", F.numberNode(2), "[1, 1]"),
                Arguments.of("$.name", F.textNode(" "), "non-blank"),
                Arguments.of("$.latent.channels", F.numberNode(0), "[1, 1024]"),
                Arguments.of("$.latent.channels", F.numberNode(1.5), "integer"),
                Arguments.of("$.latent.downscale", F.numberNode(0), "integer"),
                Arguments.of("$.latent.scalingFactor", F.numberNode(0), "(0.0"),
                Arguments.of("$.latent.scalingFactor", F.numberNode(-1), "number"),
                Arguments.of("$.video.width", F.numberNode(33), "multiple of $.latent.downscale"),
                Arguments.of("$.video.height", F.numberNode(0), "integer"),
                Arguments.of("$.video.nativeFrames", F.numberNode(0), "integer"),
                Arguments.of("$.video.maxFrames", F.numberNode(4), ">= $.video.nativeFrames"),
                Arguments.of("$.video.fps", F.numberNode(0), "(0.0"),
                Arguments.of("$.video.motionBucketId", F.numberNode(-1), "[0.0"),
                Arguments.of("$.video.noiseAugStrength", F.numberNode(-0.1), "[0.0"),
                Arguments.of("$.preconditioning.prediction", F.textNode("score"), "\"v\""),
                Arguments.of("$.preconditioning.sigmaData", F.numberNode(0), "(0.0"),
                Arguments.of("$.schedule.sigmaMin", F.numberNode(0), "(0.0"),
                Arguments.of("$.schedule.sigmaMax", F.numberNode(0.001), "> $.schedule.sigmaMin"),
                Arguments.of("$.schedule.rho", F.numberNode(-7), "(0.0"),
                Arguments.of("$.embedder.imageSize", F.numberNode(0), "integer"),
                Arguments.of("$.embedder.dimension", F.numberNode(-64), "integer"),
                Arguments.of("$.embedder.mean", F.arrayNode().add(0.5).add(0.5), "array of 3"),
                Arguments.of("$.embedder.std[1]", F.numberNode(0), "(0.0"),
                Arguments.of("$.embedder.mean[2]", F.textNode("x"), "number"),
                Arguments.of("$.networks.unet.dtype", F.textNode("int8"), "float16"),
                Arguments.of("$.networks.vaeDecoder.fixedChunk", F.numberNode(0), "integer"),
                Arguments.of("$.networks.unet.inputs.timestep", F.textNode("sample"), "not used by another role"),
                Arguments.of("$.networks.vaeEncoder.externalData[0]", F.numberNode(1), "non-blank string"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("outOfRange")
    void valuesOutOfRangeAreNamedWithExpectedAndFound(String path, JsonNode value, String expected) {
        Path b = bundle();
        ObjectNode m = TestBundles.manifest(b);
        int bracket = path.indexOf('[');
        String field = bracket < 0 ? path : path.substring(0, bracket);
        ObjectNode parent = parentOf(m, field);
        if (bracket < 0) {
            parent.set(last(field), value);
        } else if (parent.get(last(field)) instanceof ArrayNode a) {
            a.set(Integer.parseInt(path.substring(bracket + 1, path.length() - 1)), value);
        } else {
            parent.set(last(field), F.arrayNode().add(value));
        }
        InvalidBundleException e = invalid(b, m);
        assertEquals(path, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("but found"), e.getMessage());
    }

    static Stream<Arguments> unknownFields() {
        return Stream.of(Arguments.of("$"), Arguments.of("$.latent"), Arguments.of("$.video"),
                Arguments.of("$.networks"), Arguments.of("$.networks.unet"), Arguments.of("$.networks.unet.inputs"),
                Arguments.of("$.networks.vaeEncoder.outputs"), Arguments.of("$.embedder"),
                Arguments.of("$.schedule"), Arguments.of("$.preconditioning"));
    }

    @ParameterizedTest(name = "unknown field in {0}")
    @MethodSource("unknownFields")
    void unknownFieldsAreRejected(String path) {
        Path b = bundle();
        ObjectNode m = TestBundles.manifest(b);
        ObjectNode target = path.equals("$") ? m : (ObjectNode) parentOf(m, path).get(last(path));
        target.put("colour", "blue");
        InvalidBundleException e = invalid(b, m);
        assertEquals(path + ".colour", e.field(), e.getMessage());
        assertTrue(e.getMessage().contains("unknown field"), e.getMessage());
    }

    @Test
    void fixedChunkBelongsToTheDecoderOnly() {
        Path b = bundle();
        ObjectNode m = TestBundles.manifest(b);
        ((ObjectNode) m.get("networks").get("unet")).put("fixedChunk", 4);
        assertEquals("$.networks.unet.fixedChunk", invalid(b, m).field());
    }

    static Stream<Arguments> brokenJson() {
        return Stream.of(Arguments.of("", "empty"), Arguments.of("{\"format\": 1,", "well-formed JSON"),
                Arguments.of("{\"format\": 1, \"format\": 1}", "Duplicate field"),
                Arguments.of("[1, 2]", "an object"), Arguments.of("{} {}", "well-formed JSON"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("brokenJson")
    void malformedManifestsSayWhatIsWrong(String text, String expected) throws IOException {
        Path b = bundle();
        Files.writeString(b.resolve(BundleManifest.FILE_NAME), text, StandardCharsets.UTF_8);
        InvalidBundleException e = assertThrows(InvalidBundleException.class, () -> ModelBundle.read(b));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aFolderWithoutManifestIsRefused() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        InvalidBundleException e = assertThrows(InvalidBundleException.class, () -> ModelBundle.read(empty));
        assertTrue(e.getMessage().contains(BundleManifest.FILE_NAME), e.getMessage());
        assertThrows(InvalidBundleException.class, () -> ModelBundle.read(tmp.resolve("absent")));
    }

    @Test
    void widthAndHeightAreAcceptedExactlyWhenMultiplesOfTheDownscale() {
        Path b = bundle();
        ObjectNode base = TestBundles.manifest(b);
        qt().withExamples(40).forAll(integers().between(1, 16), integers().between(1, 200))
                .checkAssert((downscale, width) -> {
                    ObjectNode m = base.deepCopy();
                    ((ObjectNode) m.get("latent")).put("downscale", downscale);
                    // without sizeMultiple (default: the downscale), the width rule is the downscale's alone
                    ((ObjectNode) m.get("video")).put("width", width).put("height", downscale * 3)
                            .remove("sizeMultiple");
                    TestBundles.write(b, m);
                    if (width % downscale == 0) {
                        assertEquals(width, ModelBundle.read(b).manifest().video().width());
                    } else {
                        assertEquals("$.video.width", assertThrows(InvalidBundleException.class,
                                () -> ModelBundle.read(b)).field());
                    }
                });
    }
}
