package org.videoshop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The optional {@code $.video.sizeMultiple}: defaults to the downscale factor, validated against it and the size. */
class SizeMultipleManifestTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @TempDir
    Path tmp;

    private Path withSizeMultiple(JsonNode value) {
        Path b = TestBundles.copy(TestBundles.RANDOM_TINY, tmp);
        ObjectNode m = TestBundles.manifest(b);
        ((ObjectNode) m.get("video")).set("sizeMultiple", value);
        TestBundles.write(b, m);
        return b;
    }

    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of(F.numberNode(3), "a multiple of $.latent.downscale (2)", "3"),
                Arguments.of(F.numberNode(64), "a divisor of $.video.width and $.video.height (32x32)", "64"),
                Arguments.of(F.numberNode(0), "an integer in [1,", "0"),
                Arguments.of(F.textNode("eight"), "an integer", "eight"));
    }

    @ParameterizedTest(name = "sizeMultiple {0}")
    @MethodSource("bad")
    void badValuesAreNamedWithExpectedAndFound(JsonNode value, String expected, String found) {
        InvalidBundleException e = assertThrows(InvalidBundleException.class,
                () -> ModelBundle.read(withSizeMultiple(value)));
        assertEquals("$.video.sizeMultiple", e.field());
        assertTrue(e.getMessage().contains("expected " + expected) && e.getMessage().contains(found), e.getMessage());
    }

    @Test
    void absentOrNullMeansTheDownscaleFactor() {
        Path absent = TestBundles.copy(TestBundles.RANDOM_TINY, tmp.resolve("absent"));
        ObjectNode m = TestBundles.manifest(absent);
        ((ObjectNode) m.get("video")).remove("sizeMultiple");
        TestBundles.write(absent, m);
        try (ModelBundle b = ModelBundle.read(absent)) {
            assertEquals(2, b.manifest().video().sizeMultiple());
        }
        try (ModelBundle b = ModelBundle.read(withSizeMultiple(F.nullNode()))) {
            assertEquals(2, b.manifest().toSpec("v").sizeMultiple());
        }
    }
}
