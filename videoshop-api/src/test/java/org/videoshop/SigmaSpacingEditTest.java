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
import org.videoshop.diffusion.LatentNormalization;
import org.videoshop.diffusion.SigmaSpacing;
import org.videoshop.model.ModelSpec;
import org.videoshop.tensor.Images;
import org.videoshop.tensor.Video;
import org.videoshop.testing.AnalyticModel;
import org.videoshop.testing.Clips;

/**
 * An edit walks the schedule and normalises with the normalisation its options name, its provenance records which,
 * and inversions keep to them.
 */
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
            assertEquals("karras", byKarras.provenance().options().sigmaSpacing());
            assertEquals("exponential", byExponential.provenance().options().sigmaSpacing());
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
            assertTrue(refused.getMessage().contains("sigmaSpacing=karras")
                    && refused.getMessage().contains("sigmaSpacing=exponential"), refused.getMessage());
        }
    }

    @Test
    void theNormalizationIsChosenByNameAndInversionsKeepToIt() {
        AnalyticModel model = new AnalyticModel(4, 16, 16, 4, 11);
        VideoshopOptions perChannel = VideoshopOptions.builder().steps(10).strength(0.6).normalize(true).build();
        VideoshopOptions perFrame = perChannel.toBuilder().normalization("PER-frame").build();
        assertEquals("per-channel", perChannel.normalization(), "the default");
        assertEquals("per-frame", perFrame.normalization(), "kept as the provider spells it");
        assertEquals(perFrame, perChannel.toBuilder().normalization(LatentNormalization.PER_FRAME).build(),
                "the enum is sugar for the name");
        Video clip = Clips.video(Clips.movingDisc(4, 16, 16, Color.ORANGE));
        var edited = Images.toFrame(Clips.movingDisc(1, 16, 16, Color.GREEN).get(0));
        try (VideoEditor c = Videoshop.editor(model, perChannel); VideoEditor f = Videoshop.editor(model, perFrame)) {
            EditResult byChannel = c.edit(clip, edited);
            EditResult byFrame = f.edit(clip, edited);
            assertEquals("per-frame", byFrame.provenance().options().normalization());
            float[] a = byChannel.video().data();
            float[] b = byFrame.video().data();
            double diff = 0;
            for (int i = 0; i < a.length; i++) {
                diff = Math.max(diff, Math.abs(a[i] - b[i]));
            }
            assertTrue(diff > 1e-4, "another normalisation gives other frames; largest difference " + diff);

            Inverted inverted = c.invert(clip, ProgressListener.NONE, null);
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> f.inverted(inverted.plan(), inverted.windows()));
            assertTrue(refused.getMessage().contains("normalization=per-channel")
                    && refused.getMessage().contains("normalization=per-frame"), refused.getMessage());
        }
    }
}
