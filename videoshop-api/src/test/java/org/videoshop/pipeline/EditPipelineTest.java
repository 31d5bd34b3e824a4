package org.videoshop.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.videoshop.CancellationToken;
import org.videoshop.EditCancelledException;
import org.videoshop.EditResult;
import org.videoshop.InversionMode;
import org.videoshop.OutputMode;
import org.videoshop.ProgressListener;
import org.videoshop.Stage;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Images;
import org.videoshop.tensor.Video;
import org.videoshop.testing.AnalyticModel;
import org.videoshop.testing.Clips;

/** Whole edits on the analytic model: determinism, progress, cancellation, provenance, sizes. */
class EditPipelineTest {

    private final AnalyticModel model = new AnalyticModel(4, 16, 16, 4, 5);
    private final List<BufferedImage> clip = Clips.movingDisc(4, 16, 16, Color.ORANGE);
    private final Video video = Clips.video(clip);
    private final Frame edited = Clips.video(Clips.movingDisc(1, 16, 16, Color.GREEN)).frame(0);

    @AfterEach
    void close() {
        model.close();
    }

    private EditResult run(VideoshopOptions options) {
        try (VideoEditor editor = Videoshop.editor(model, options)) {
            return editor.edit(video, edited);
        }
    }

    @Test
    void sameSeedGivesBitIdenticalFramesAndAnotherSeedDoesNot() {
        VideoshopOptions a = VideoshopOptions.builder().seed(7).build();
        float[] first = run(a).video().data();
        float[] second = run(a).video().data();
        assertArrayEquals(first, second);
        float[] other = run(a.toBuilder().seed(8).build()).video().data();
        assertFalse(java.util.Arrays.equals(first, other), "another seed should draw other noise");
    }

    @Test
    void editKeepsSizeAndFrameCountAndRecordsProvenance() {
        VideoshopOptions options = VideoshopOptions.builder().seed(3).inversionMode(InversionMode.NAIVE)
                .outputMode(OutputMode.REGENERATE).build(); // the paper's stages, timed
        EditResult r = run(options);
        assertEquals(video.frames(), r.video().frames());
        assertEquals(16, r.video().width());
        assertEquals(3L, r.provenance().options().seed());
        assertEquals("java", r.provenance().backend());
        assertEquals("analytic", r.provenance().modelName());
        assertEquals(options.schedule(model.spec()).keptSteps() + 1, r.provenance().sigmas().size());
        assertEquals(0.0, r.provenance().sigmas().get(r.provenance().sigmas().size() - 1));
        for (Stage s : RAW_STAGES) {
            assertTrue(r.provenance().stageNanos().containsKey(s), "timing of " + s);
        }
        for (float v : r.video().data()) {
            assertTrue(v >= 0 && v <= 1, "pixel out of range: " + v);
        }
    }

    @Test
    void progressVisitsEveryStageInOrder() {
        List<Stage> seen = new ArrayList<>();
        int[] lastInvertStep = {0};
        // the paper's stages: the raw-frame edit in regenerate mode (detail mode reads and writes images)
        try (VideoEditor editor = Videoshop.editor(model,
                VideoshopOptions.builder().outputMode(OutputMode.REGENERATE).build())) {
            editor.edit(video, edited, (stage, step, total) -> {
                if (seen.isEmpty() || seen.get(seen.size() - 1) != stage) {
                    seen.add(stage);
                }
                if (stage == Stage.INVERT) {
                    lastInvertStep[0] = step;
                    assertEquals(13, total);
                }
            }, null);
        }
        assertEquals(RAW_STAGES, seen);
        assertEquals(13, lastInvertStep[0]);
    }

    /** The stages of an edit of raw frames: no reading, writing or reconstruction (that is for images). */
    static final List<Stage> RAW_STAGES = List.of(Stage.ENCODE, Stage.INVERT, Stage.GENERATE, Stage.RESCALE,
            Stage.DECODE);

    @Test
    void anEditOfImagesVisitsEveryStageInOrderAndCountsOverallUnitsUpToTheTotal() {
        List<Stage> seen = new ArrayList<>();
        List<long[]> overall = new ArrayList<>();
        List<BufferedImage> frames = Clips.movingDisc(4, 16, 16, Color.RED);
        try (VideoEditor editor = Videoshop.editor(model, VideoshopOptions.defaults())) {
            editor.edit(frames, Clips.movingDisc(1, 16, 16, Color.BLUE).get(0), new ProgressListener() {
                @Override
                public void onProgress(Stage stage, int step, int total) {
                    if (seen.isEmpty() || seen.get(seen.size() - 1) != stage) {
                        seen.add(stage);
                    }
                }

                @Override
                public void onOverall(int window, int windows, long done, long total) {
                    overall.add(new long[] {window, windows, done, total});
                }
            }, null);
        }
        // detail mode: every stage once, in order: the reconstruction (conditioned on the source's own frame) and
        // the edit share the encode, rescale and decode stages
        assertEquals(List.of(Stage.values()), seen);
        long total = overall.get(0)[3];
        for (int i = 0; i < overall.size(); i++) {
            assertEquals(i, overall.get(i)[2], "done rises by 1 from 0");
            assertEquals(total, overall.get(i)[3], "the total is fixed");
            assertEquals(1, overall.get(i)[1]);
        }
        assertEquals(total, overall.get(overall.size() - 1)[2], "the last report is the total");
        // 4 reads + 4 writes, 4 encodes, 13 steps each of inversion, reconstruction and edit, 2 rescales, 2 decodes
        assertEquals(4 + 4 + 15 + 16 + 16, total);
    }

    @Test
    void cancellingDuringInversionThrowsAndReturnsNothing() {
        CancellationToken token = new CancellationToken();
        try (VideoEditor editor = Videoshop.editor(model, VideoshopOptions.defaults())) {
            EditCancelledException e = assertThrows(EditCancelledException.class, () -> editor.edit(video, edited,
                    (stage, step, total) -> {
                        if (stage == Stage.INVERT && step == 2) {
                            token.cancel();
                        }
                    }, token));
            assertEquals(Stage.INVERT, e.stage());
            assertEquals(3, e.step());
        }
    }

    @Test
    void interruptingDuringGenerationThrows() {
        try (VideoEditor editor = Videoshop.editor(model, VideoshopOptions.defaults())) {
            EditCancelledException e = assertThrows(EditCancelledException.class, () -> editor.edit(video, edited,
                    (stage, step, total) -> {
                        if (stage == Stage.GENERATE && step == 1) {
                            Thread.currentThread().interrupt();
                        }
                    }, null));
            assertEquals(Stage.GENERATE, e.stage());
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt flag stays set for the caller");
        }
    }

    @Test
    void imagesOfAnySizeComeBackAtTheirSize() {
        List<BufferedImage> big = Clips.movingDisc(4, 40, 28, Color.RED);
        BufferedImage editedBig = Clips.movingDisc(1, 40, 28, Color.BLUE).get(0);
        // the analytic model takes its own 16x16 only; the working size says so
        try (VideoEditor editor = Videoshop.editor(model, VideoshopOptions.builder().workingSize(16, 16).build())) {
            List<BufferedImage> out = editor.edit(big, editedBig);
            assertEquals(4, out.size());
            assertEquals(40, out.get(0).getWidth());
            assertEquals(28, out.get(0).getHeight());
        }
    }

    private double reconstructionPsnr(VideoshopOptions o) {
        Video out;
        try (VideoEditor editor = Videoshop.editor(model, o)) {
            out = editor.edit(video, video.frame(0)).video();
        }
        Video blocky = model.encoder().decode(model.encoder().encode(video));
        float[] a = out.data();
        float[] b = blocky.data();
        double mse = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            mse += d * d;
        }
        return 10 * Math.log10(a.length / mse);
    }

    @Test
    void unchangedFirstFrameReconstructsBetterWithExtrapolationThanNaive() {
        // Exact denoiser, Sigma = 0 (see InversionRoundTripTest), no guidance: editing with the source's own first
        // frame should give back the source (up to the block VAE); extrapolation should get closer than naive.
        // Measured: 18.9 dB vs 16.7 dB (the clip lies far from the mixture's modes, so neither is exact).
        // (regenerate: detail output would return the source itself outside the edit region, whatever the inversion)
        VideoshopOptions o = VideoshopOptions.builder().steps(50).sigmaThreshold(0).guidance(1, 1)
                .outputMode(OutputMode.REGENERATE).build();
        double extrapolated = reconstructionPsnr(o);
        double naive = reconstructionPsnr(o.toBuilder().inversionMode(InversionMode.NAIVE).build());
        assertTrue(extrapolated > naive + 1, "expected extrapolated (" + extrapolated + " dB) to beat naive ("
                + naive + " dB) by > 1 dB");
    }

    @Test
    void closedEditorRefusesWork() {
        VideoEditor editor = Videoshop.editor(model, VideoshopOptions.defaults());
        editor.close();
        editor.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> editor.edit(video, edited));
        assertTrue(e.getMessage().contains("VideoEditor"), e.getMessage());
        assertEquals(16, Images.toImage(edited).getWidth());
    }
}
