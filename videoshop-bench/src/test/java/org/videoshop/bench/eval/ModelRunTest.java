package org.videoshop.bench.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.videoshop.OutputMode;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.bench.SyntheticClip;
import org.videoshop.testing.AnalyticModel;

/** The evaluation edits exactly what a user's {@link VideoEditor} edits, windows included. */
class ModelRunTest {

    @ParameterizedTest(name = "{0} frames, {1}")
    @CsvSource({"4, EXTRAPOLATED, 1", "6, EXTRAPOLATED, 2", "4, NAIVE, 1"})
    void sameFramesAsTheEditor(int frames, String mode, int windows) {
        SyntheticClip clip = SyntheticClip.generate(frames, 16, 16, 5);
        VideoshopOptions options = VideoshopOptions.builder().steps(10).outputMode(OutputMode.REGENERATE)
                .inversionMode(org.videoshop.InversionMode.valueOf(mode)).build();
        try (AnalyticModel model = new AnalyticModel(4, 16, 16, 4, 9);
             VideoEditor editor = Videoshop.editor(model, options)) {
            ModelRun run = ModelRun.run(model, options, clip.source(), clip.editedFirst());
            float[] expected = editor.edit(clip.source(), clip.editedFirst()).video().data();
            assertArrayEquals(expected, run.video().data());
            assertEquals(windows, run.windows());
            assertEquals(5, run.straightness().steps());
            assertTrue(run.straightness().allPairsMean() <= 1 + 1e-9);
        }
    }
}
