package org.videoshop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.videoshop.model.ModelSpec;

/**
 * The manifest's optional recommendations, the generation guidance ({@code $.video.guidance}) and the inversion
 * threshold Sigma ({@code $.schedule.sigmaThreshold}): read when present, SVD's and the paper's values when absent
 * or null, and every bad value named with what was expected and found.
 */
class ManifestRecommendationsTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @TempDir
    Path tmp;

    private Path bundle() {
        return TestBundles.copy(TestBundles.RANDOM_TINY, tmp);
    }

    private static InvalidBundleException invalid(Path folder, JsonNode manifest) {
        return TestBundles.refused(folder, manifest);
    }

    /** Manifests whose optional {@code $.video.guidance} is bad: the value, the field named, what is expected. */
    static Stream<Arguments> badGuidance() {
        return Stream.of(
                Arguments.of(guidance(-1, 1.5), "$.video.guidance.min", "a number in [0.0, 1000.0]"),
                Arguments.of(guidance(1, -0.5), "$.video.guidance.max", "a number in [0.0, 1000.0]"),
                Arguments.of(guidance(1, 1e4), "$.video.guidance.max", "a number in [0.0, 1000.0]"),
                Arguments.of(F.objectNode().put("min", 1).set("max", F.numberNode(new BigDecimal("1e400"))),
                        "$.video.guidance.max", "a number in"),
                Arguments.of(F.objectNode().put("min", 1).put("max", "3"), "$.video.guidance.max", "a number"),
                Arguments.of(F.objectNode().put("min", 1).putNull("max"), "$.video.guidance.max", "a number"),
                Arguments.of(F.objectNode().put("min", 1), "$.video.guidance.max", "missing"),
                Arguments.of(F.objectNode().put("max", 3), "$.video.guidance.min", "missing"),
                Arguments.of(guidance(1, 3).put("scale", 2), "$.video.guidance.scale", "unknown field"),
                Arguments.of(F.textNode("1,3"), "$.video.guidance", "an object"),
                Arguments.of(F.arrayNode().add(1).add(3), "$.video.guidance", "an object"),
                Arguments.of(F.numberNode(2), "$.video.guidance", "an object"));
    }

    private static ObjectNode guidance(double min, double max) {
        return F.objectNode().put("min", min).put("max", max);
    }

    @ParameterizedTest(name = "guidance {0}")
    @MethodSource("badGuidance")
    void badGuidanceIsNamedWithExpectedAndFound(JsonNode value, String field, String expected) {
        Path b = bundle();
        ObjectNode m = TestBundles.manifest(b);
        ((ObjectNode) m.get("video")).set("guidance", value);
        InvalidBundleException e = invalid(b, m);
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        if (!expected.equals("missing") && !expected.equals("unknown field")) {
            assertTrue(e.getMessage().contains("but found"), e.getMessage());
        }
    }

    @Test
    void guidanceIsReadWhenPresentAndSvdsWhenAbsentOrNull() {
        Path b = bundle();
        ObjectNode base = TestBundles.manifest(b);
        qt().withExamples(30).forAll(doubles().between(0, 1000), doubles().between(0, 1000))
                .checkAssert((min, max) -> {
                    ObjectNode m = base.deepCopy();
                    ((ObjectNode) m.get("video")).set("guidance", guidance(min, max));
                    TestBundles.write(b, m);
                    try (ModelBundle read = ModelBundle.read(b)) {
                        ModelSpec s = read.manifest().toSpec(read.version());
                        assertEquals(min, s.guidanceMin());
                        assertEquals(max, s.guidanceMax());
                    }
                });
        ObjectNode m = base.deepCopy();
        ((ObjectNode) m.get("video")).putNull("guidance");
        TestBundles.write(b, m);
        try (ModelBundle read = ModelBundle.read(b)) {
            assertEquals(1.0, read.manifest().video().guidanceMin());
            assertEquals(3.0, read.manifest().video().guidanceMax());
        }
    }

    /** Manifests whose optional {@code $.schedule.sigmaThreshold} is bad: the value and what is expected. */
    static Stream<Arguments> badSigmaThreshold() {
        return Stream.of(
                Arguments.of(F.numberNode(-0.5), "a number in [0.0, 1.0E9]"),
                Arguments.of(F.numberNode(-1e-9), "a number in [0.0, 1.0E9]"),
                Arguments.of(F.numberNode(2e9), "a number in [0.0, 1.0E9]"),
                Arguments.of(F.numberNode(new BigDecimal("1e400")), "a number in"),
                Arguments.of(F.textNode("0.25"), "a number"),
                Arguments.of(F.booleanNode(true), "a number"),
                Arguments.of(F.arrayNode().add(0.25), "a number"),
                Arguments.of(F.objectNode().put("value", 0.25), "a number"));
    }

    @ParameterizedTest(name = "sigmaThreshold {0}")
    @MethodSource("badSigmaThreshold")
    void badSigmaThresholdIsNamedWithExpectedAndFound(JsonNode value, String expected) {
        Path b = bundle();
        ObjectNode m = TestBundles.manifest(b);
        ((ObjectNode) m.get("schedule")).set("sigmaThreshold", value);
        InvalidBundleException e = invalid(b, m);
        assertEquals("$.schedule.sigmaThreshold", e.field(), e.getMessage());
        assertTrue(e.getMessage().contains("expected " + expected), e.getMessage());
        assertTrue(e.getMessage().contains("but found"), e.getMessage());
    }

    @Test
    void sigmaThresholdIsReadWhenPresentAndThePapersWhenAbsentOrNull() {
        Path b = bundle();
        ObjectNode base = TestBundles.manifest(b);
        qt().withExamples(30).forAll(doubles().between(0, 1e9)).checkAssert(sigma -> {
            ObjectNode m = base.deepCopy();
            ((ObjectNode) m.get("schedule")).put("sigmaThreshold", sigma);
            TestBundles.write(b, m);
            try (ModelBundle read = ModelBundle.read(b)) {
                assertEquals(sigma, read.manifest().schedule().sigmaThreshold());
                assertEquals(sigma, read.manifest().toSpec(read.version()).sigmaThreshold());
            }
        });
        for (JsonNode edge : List.of(F.numberNode(0), F.numberNode(1e9))) {
            ObjectNode m = base.deepCopy();
            ((ObjectNode) m.get("schedule")).set("sigmaThreshold", edge);
            TestBundles.write(b, m);
            try (ModelBundle read = ModelBundle.read(b)) {
                assertEquals(edge.asDouble(), read.manifest().toSpec(read.version()).sigmaThreshold());
            }
        }
        ObjectNode m = base.deepCopy();
        ((ObjectNode) m.get("schedule")).putNull("sigmaThreshold");
        TestBundles.write(b, m);
        try (ModelBundle read = ModelBundle.read(b)) {
            assertEquals(1.0, read.manifest().schedule().sigmaThreshold());
            assertEquals(1.0, read.manifest().toSpec(read.version()).sigmaThreshold());
        }
    }
}
