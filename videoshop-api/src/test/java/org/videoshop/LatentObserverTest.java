package org.videoshop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Images;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Video;
import org.videoshop.testing.AnalyticModel;
import org.videoshop.testing.Clips;

/** An observer on the editor sees every window's x0 and steps, and watching changes nothing of the edit. */
class LatentObserverTest {

    @Test
    void theObserverSeesEachWindowsSourceThenItsStepsAndTheEditIsUnchanged() {
        AnalyticModel model = new AnalyticModel(4, 16, 16, 4, 3);
        // the paper's raw-frame path (regenerate); detail mode's observed steps are those of the edit
        VideoshopOptions options = VideoshopOptions.builder().steps(10).strength(0.6)
                .outputMode(OutputMode.REGENERATE).build();
        Video clip = Clips.video(Clips.movingDisc(6, 16, 16, Color.ORANGE)); // 6 frames in windows of 4: 2
        Frame edited = Images.toFrame(Clips.movingDisc(1, 16, 16, Color.GREEN).get(0));
        List<String> events = new ArrayList<>();
        List<float[]> sources = new ArrayList<>();
        LatentObserver observer = new LatentObserver() {
            @Override
            public void onSource(LatentShape shape, float[] x0) {
                events.add("source " + shape.frames());
                sources.add(x0.clone());
            }

            @Override
            public void onStep(Stage stage, int step, double sigma, LatentShape shape, float[] x) {
                events.add(stage + " " + step);
            }
        };
        try (VideoEditor editor = Videoshop.editor(model, options)) {
            EditResult watched = editor.edit(clip, edited, null, ProgressListener.NONE, null, observer);
            EditResult plain = editor.edit(clip, edited);
            assertArrayEquals(plain.video().data(), watched.video().data(), "observing changes nothing");
            int windows = editor.plan(6).count();
            assertEquals(2, windows);
            int steps = options.schedule(model.spec()).keptSteps();
            List<String> expected = new ArrayList<>();
            for (int k = 0; k < windows; k++) {
                expected.add("source 4");
                for (int s = 1; s <= steps; s++) {
                    expected.add("INVERT " + s);
                }
                for (int s = 1; s <= steps; s++) {
                    expected.add("GENERATE " + s);
                }
            }
            assertEquals(expected, events);
            double mean = 0;
            for (float v : sources.get(0)) {
                mean += v / sources.get(0).length;
            }
            assertTrue(Math.abs(mean) < 1e-3, "x0 is the normalised latents (mean 0) but its mean is " + mean);
        }
    }
}
