package org.videoshop.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.awt.Color;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.videoshop.EditResult;
import org.videoshop.InversionMode;
import org.videoshop.OutputMode;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.kernel.Backends;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Video;
import org.videoshop.testing.AnalyticModel;
import org.videoshop.testing.Clips;

/**
 * A whole edit on the analytic model gives the same frames with backend "java" and backend "nd4j", chosen only
 * by the system property or the options (guidance on, so every kernel runs, both inversion modes).
 */
class WholeEditAgreementTest {

    @BeforeAll
    static void needsNd4j() {
        Nd4jTests.requireNd4j();
    }

    private static final double TOL = 1e-4;

    private final Video video = Clips.video(Clips.movingDisc(5, 16, 12, Color.ORANGE));
    private final Frame edited = Clips.video(Clips.movingDisc(1, 16, 12, Color.GREEN)).frame(0);

    private EditResult edit(VideoshopOptions options) {
        try (AnalyticModel model = new AnalyticModel(5, 16, 12, 4, 9);
             VideoEditor editor = Videoshop.editor(model, options.toBuilder().outputMode(OutputMode.REGENERATE)
                     .build())) {
            return editor.edit(video, edited); // the model's output in float (detail output is 8-bit)
        }
    }

    private EditResult editWithProperty(String backend, VideoshopOptions options) {
        String old = System.getProperty(Backends.PROPERTY);
        System.setProperty(Backends.PROPERTY, backend);
        try {
            return edit(options);
        } finally {
            BackendSelectionTest.restore(old);
        }
    }

    @Test
    void systemPropertySelectsTheBackendAndFramesAgree() {
        for (InversionMode mode : InversionMode.values()) {
            VideoshopOptions options = VideoshopOptions.builder().seed(4).inversionMode(mode).build();
            EditResult java = editWithProperty("java", options);
            EditResult nd4j = editWithProperty("nd4j", options);
            assertEquals("java", java.provenance().backend());
            assertEquals("nd4j", nd4j.provenance().backend());
            assertSameFrames(java.video(), nd4j.video(), mode.toString());
        }
    }

    @Test
    void optionsSelectTheBackendAndFramesAgree() {
        VideoshopOptions base = VideoshopOptions.builder().seed(11).build();
        EditResult java = edit(base.toBuilder().backend("java").build());
        EditResult nd4j = edit(base.toBuilder().backend("nd4j").build());
        assertEquals("nd4j", nd4j.provenance().backend());
        assertSameFrames(java.video(), nd4j.video(), "options");
    }

    private static void assertSameFrames(Video a, Video b, String what) {
        assertEquals(a.frames(), b.frames());
        float[] x = a.data();
        float[] y = b.data();
        assertEquals(x.length, y.length);
        double max = 0;
        boolean varied = false;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - y[i]));
            varied |= x[i] != x[0];
        }
        assertFalse(!varied, "the edit should produce a non-constant clip");
        if (max > TOL) {
            throw new AssertionError(what + ": expected java and nd4j frames within " + TOL
                    + " but found a difference of " + max);
        }
    }
}
