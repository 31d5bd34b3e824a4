package org.videoshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.videoshop.diffusion.ExponentialSchedule;
import org.videoshop.diffusion.KarrasSchedule;
import org.videoshop.diffusion.SigmaSpacing;
import org.videoshop.model.ModelSpec;
import org.videoshop.tensor.Images;
import org.videoshop.tensor.Video;
import org.videoshop.testing.AnalyticModel;
import org.videoshop.testing.Clips;

/** An edit walks the schedule its options choose, its provenance records which, and inversions keep to it. */
class SigmaSpacingEditTest {

    private static List<Double> boxed(double[] sigmas) {
        return Arrays.stream(sigmas).boxed().toList();
    }

    @Test
    void anEditWalksTheChosenScheduleAndProvenanceSaysSo() {
        AnalyticModel model = new AnalyticModel(4, 16, 16, 4, 11);
        ModelSpec spec = model.spec();
        VideoshopOptions karras = VideoshopOptions.builder().steps(10).strength(0.6).build();
        VideoshopOptions exponential = karras.toBuilder().sigmaSpacing(SigmaSpacing.EXPONENTIAL).build();
        Video clip = Clips.video(Clips.movingDisc(4, 16, 16, Color.ORANGE));
        var edited = Images.toFrame(Clips.movingDisc(1, 16, 16, Color.GREEN).get(0));
        try (VideoEditor k = Videoshop.editor(model, karras); VideoEditor e = Videoshop.editor(model, exponential)) {
            EditResult byKarras = k.edit(clip, edited);
            EditResult byExponential = e.edit(clip, edited);
            assertEquals(SigmaSpacing.KARRAS, byKarras.provenance().options().sigmaSpacing());
            assertEquals(SigmaSpacing.EXPONENTIAL, byExponential.provenance().options().sigmaSpacing());
            assertEquals(boxed(new KarrasSchedule(10, spec.sigmaMin(), spec.sigmaMax(), spec.rho(), 0.6).sigmas()),
                    byKarras.provenance().sigmas());
            assertEquals(boxed(new ExponentialSchedule(10, spec.sigmaMin(), spec.sigmaMax(), 0.6).sigmas()),
                    byExponential.provenance().sigmas());
            assertNotEquals(byKarras.provenance().sigmas(), byExponential.provenance().sigmas());
            float[] a = byKarras.video().data();
            float[] b = byExponential.video().data();
            double diff = 0;
            for (int i = 0; i < a.length; i++) {
                diff = Math.max(diff, Math.abs(a[i] - b[i]));
            }
            assertTrue(diff > 1e-4, "another schedule gives other frames; largest difference " + diff);

            Inverted inverted = k.invert(clip, ProgressListener.NONE, null);
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> e.inverted(inverted.plan(), inverted.windows()));
            assertTrue(refused.getMessage().contains("sigmaSpacing=KARRAS")
                    && refused.getMessage().contains("sigmaSpacing=EXPONENTIAL"), refused.getMessage());
        }
    }
}
