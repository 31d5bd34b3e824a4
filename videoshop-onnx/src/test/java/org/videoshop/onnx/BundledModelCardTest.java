package org.videoshop.onnx;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The model card inside the bundled tiny model (what a user of the jar reads) is the project's card,
 * {@code tiny-model/MODEL_CARD.md}, byte for byte: an edit to one without the other fails here
 * ({@code tiny-model/swap.sh} copies it when a model is swapped in).
 */
class BundledModelCardTest {

    @Test
    void bundledCardIsTheProjectCard() throws IOException {
        Path project = Path.of("..", "tiny-model", "MODEL_CARD.md");
        String expected = Files.readString(project, StandardCharsets.UTF_8);
        try (InputStream in = getClass().getResourceAsStream("/videoshop/models/tiny/MODEL_CARD.md")) {
            assertNotNull(in, "expected the bundled card at videoshop/models/tiny/MODEL_CARD.md on the class path");
            String found = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!expected.equals(found)) {
                String[] a = expected.split("\n", -1);
                String[] b = found.split("\n", -1);
                int line = 0;
                while (line < Math.min(a.length, b.length) && a[line].equals(b[line])) {
                    line++;
                }
                fail("Expected the bundled MODEL_CARD.md to equal " + project + " (" + a.length + " lines) but found "
                        + b.length + " lines, the first difference at line " + (line + 1) + "; copy it into "
                        + "videoshop-onnx/src/main/resources/videoshop/models/tiny/");
            }
        }
    }
}
