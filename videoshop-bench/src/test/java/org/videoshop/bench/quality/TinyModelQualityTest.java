package org.videoshop.bench.quality;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.videoshop.InversionMode;
import org.videoshop.OutputMode;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.bench.eval.CaseResult;
import org.videoshop.bench.eval.EvalCase;
import org.videoshop.bench.eval.Evaluate;
import org.videoshop.bench.eval.EvaluationReport;
import org.videoshop.bench.eval.ImageMetrics;
import org.videoshop.bench.eval.Method;
import org.videoshop.model.VideoshopModel;
import org.videoshop.tensor.Video;

/**
 * Regression guard for the bundled tiny model on the quality set: the 20 evaluation clips of its model card
 * (seeds 1e9 .. 1e9+19, disjoint from training, not selected for results), each with its ground-truth recolour.
 * It checks the targets of the tiny-model issue with the margins measured when the model was committed, less a
 * stated tolerance: autoencoder PSNR, reconstruction with the unedited first frame (gap to the autoencoder,
 * extrapolated against naive inversion) and recolour propagation against both baselines, in the edited region and
 * over whole frames. A change to the pipeline or the model that costs quality fails here.
 *
 * <p>{@code -Dvideoshop.quality.model=DIR} measures another bundle instead (a retrained candidate); the bounds
 * are then the ones to beat.
 */
class TinyModelQualityTest {

    /** Slack on every measured bound, in dB: float and thread-count noise, not regressions. */
    static final double TOLERANCE_DB = 0.5;
    /** Slack on the count of clips where extrapolation beats naive: one clip. */
    static final int TOLERANCE_WINS = 1;

    /*
     * Measured by this test's code with the committed tiny bundle (UNet step 33,485; see MODEL_CARD.md), on the 20
     * clips, java backend, the model's recommended Sigma 0.25. Guidance 1 -> 1 for reconstruction (nothing to
     * amplify with the unedited first frame) and the model's recommended 1 -> 1.5 for the recolour edit. The
     * issue's targets are in brackets; every bound below, less its tolerance, still meets its target.
     */
    /** Autoencoder PSNR over all frames of the 20 source clips, mean of per-clip PSNR [>= 32 dB]. */
    static final double MIN_AUTOENCODER_DB = 32.62;
    /** Mean gap between the autoencoder's and the reconstruction's PSNR on frames 1..T-1 [<= 3 dB]. */
    static final double MAX_GAP_TO_AUTOENCODER_DB = 1.63;
    /** Clips (of 20) where extrapolated inversion reconstructs frames 1..T-1 better than naive [>= 18]. */
    static final int MIN_EXTRAPOLATION_WINS = 20;
    /** Recolour, edited region, mean PSNR over clips: Videoshop minus copy-first [>= +3 dB]. */
    static final double MIN_REGION_MARGIN_OVER_COPY_DB = 6.32;
    /** Recolour, edited region: Videoshop minus source [>= +3 dB]. */
    static final double MIN_REGION_MARGIN_OVER_SOURCE_DB = 4.52;
    /** Recolour, whole frames: Videoshop minus copy-first [> 0]. */
    static final double MIN_WHOLE_MARGIN_OVER_COPY_DB = 6.50;
    /** Recolour, whole frames: Videoshop minus source [> 0]. */
    static final double MIN_WHOLE_MARGIN_OVER_SOURCE_DB = 2.80;

    private static final Path CASES = Path.of("src/test/resources/quality-cases");

    private static VideoshopModel model;

    @BeforeAll
    static void open() {
        model = VideoshopModel.open(System.getProperty("videoshop.quality.model", "tiny"));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void autoencoderAndReconstructionMeetTheMeasuredMargins() {
        // the model's own reconstruction (regenerate): detail output would give the source back by construction
        VideoshopOptions extrapolated = VideoshopOptions.builder().guidance(1, 1).outputMode(OutputMode.REGENERATE)
                .build();
        VideoshopOptions naive = extrapolated.toBuilder().inversionMode(InversionMode.NAIVE).build();
        List<double[]> rows = new ArrayList<>();
        try (VideoEditor e = Videoshop.editor(model, extrapolated); VideoEditor n = Videoshop.editor(model, naive)) {
            for (Path dir : EvalCase.list(CASES)) {
                Video src = EvalCase.load(dir, model.spec().width(), model.spec().height()).source();
                Video decoded = model.encoder().decode(model.encoder().encode(src));
                rows.add(new double[] {
                    meanPsnr(decoded, src, 0), meanPsnr(decoded, src, 1),
                    meanPsnr(e.edit(src, src.frame(0)).video(), src, 1),
                    meanPsnr(n.edit(src, src.frame(0)).video(), src, 1)});
            }
        }
        double autoencoder = rows.stream().mapToDouble(r -> r[0]).average().orElseThrow();
        double gap = rows.stream().mapToDouble(r -> r[1] - r[2]).average().orElseThrow();
        long wins = rows.stream().filter(r -> r[2] > r[3]).count();
        String table = describe(rows, autoencoder, gap, wins);
        record("reconstruction", table);
        assertAll(
            () -> assertTrue(autoencoder >= MIN_AUTOENCODER_DB - TOLERANCE_DB, table),
            () -> assertTrue(gap <= MAX_GAP_TO_AUTOENCODER_DB + TOLERANCE_DB, table),
            () -> assertTrue(wins >= MIN_EXTRAPOLATION_WINS - TOLERANCE_WINS, table));
    }

    @Test
    void recolourEditsPropagateBetterThanBothBaselines() {
        VideoshopOptions options = VideoshopOptions.builder().guidance(1, 1.5).build();
        EvaluationReport report = Evaluate.run(CASES, model, options,
                List.of(Method.VIDEOSHOP, Method.COPY_FIRST, Method.SOURCE), null);
        double[] videoshop = means(report, Method.VIDEOSHOP);
        double[] copy = means(report, Method.COPY_FIRST);
        double[] source = means(report, Method.SOURCE);
        String msg = String.format("recolour PSNR edit region / whole frames over %d clips: videoshop %.2f / %.2f,"
                + " copy-first %.2f / %.2f, source %.2f / %.2f%n%s", report.of(Method.VIDEOSHOP).size(),
                videoshop[0], videoshop[1], copy[0], copy[1], source[0], source[1], report.caseTable());
        record("recolour", msg);
        assertAll(
            () -> assertTrue(videoshop[0] - copy[0] >= MIN_REGION_MARGIN_OVER_COPY_DB - TOLERANCE_DB, msg),
            () -> assertTrue(videoshop[0] - source[0] >= MIN_REGION_MARGIN_OVER_SOURCE_DB - TOLERANCE_DB, msg),
            () -> assertTrue(videoshop[1] - copy[1] >= MIN_WHOLE_MARGIN_OVER_COPY_DB - TOLERANCE_DB, msg),
            () -> assertTrue(videoshop[1] - source[1] >= MIN_WHOLE_MARGIN_OVER_SOURCE_DB - TOLERANCE_DB, msg));
    }

    /**
     * Writes what was measured to {@code target/tiny-quality-<name>.txt}, so that whoever retrains the model can
     * read the new values for the bounds above without making the test fail first.
     */
    private static void record(String name, String text) {
        try {
            Files.writeString(Path.of("target", "tiny-quality-" + name + ".txt"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mean over frames {@code from}..T-1 of the per-frame PSNR. */
    private static double meanPsnr(Video a, Video b, int from) {
        double sum = 0;
        for (int t = from; t < a.frames(); t++) {
            sum += ImageMetrics.psnr(a.frame(t), b.frame(t));
        }
        return sum / (a.frames() - from);
    }

    /** Mean over the recolour cases of {edit-region PSNR, whole-frame PSNR}. */
    private static double[] means(EvaluationReport report, Method m) {
        List<CaseResult> rs = report.of(m).stream().filter(r -> r.kind().equals("recolour")).toList();
        return new double[] {
            rs.stream().mapToDouble(CaseResult::psnrEditRegion).average().orElseThrow(),
            rs.stream().mapToDouble(CaseResult::psnr).average().orElseThrow()};
    }

    private static String describe(List<double[]> rows, double autoencoder, double gap, long wins) {
        StringBuilder b = new StringBuilder(String.format(
                "autoencoder %.2f dB (all frames), gap %.2f dB, extrapolation wins %d of %d%n"
                        + "per clip, autoencoder all frames / autoencoder, extrapolated, naive on frames 1..T-1:%n",
                autoencoder, gap, wins, rows.size()));
        for (double[] r : rows) {
            b.append(String.format("%.2f / %.2f, %.2f, %.2f%n", r[0], r[1], r[2], r[3]));
        }
        return b.toString();
    }
}
