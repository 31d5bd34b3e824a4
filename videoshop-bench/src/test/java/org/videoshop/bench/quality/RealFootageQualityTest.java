package org.videoshop.bench.quality;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.videoshop.VideoshopOptions;
import org.videoshop.bench.eval.CaseResult;
import org.videoshop.bench.eval.EvalCase;
import org.videoshop.bench.eval.Evaluate;
import org.videoshop.bench.eval.EvaluationReport;
import org.videoshop.bench.eval.Method;
import org.videoshop.bench.scene.EditKind;
import org.videoshop.bench.scene.FootageCases;
import org.videoshop.model.VideoshopModel;

/**
 * Issue 13's quality targets on the real-footage guard set (10 generated cases: every kind of edit at 384x216
 * and at 216x384, 14 frames; {@link FootageCases#guardSet()}), with the bundled model and default options, scored
 * at full resolution: PSNR outside the edit region at least 40 dB; whole-frame PSNR above both the unedited source
 * and the copied first frame for every kind; edit-region PSNR no lower than the regenerate mode's.
 *
 * <p>Where a target is met with room to spare (more than {@link #TOLERANCE_DB}), it is asserted as stated. Where it
 * is not, the test asserts the level measured when this test was written, less the tolerance, as a regression
 * guard, and says so: those targets are not met (README, "Quality on real footage"). What was measured is written
 * to {@code target/real-footage-quality.txt}. {@code -Dvideoshop.quality.model=DIR} measures another bundle.
 */
class RealFootageQualityTest {

    /** Slack on every measured level, in dB: float and thread-count noise, not regressions. */
    static final double TOLERANCE_DB = 0.5;
    /** Issue 13: PSNR outside the edit region, detail mode. */
    static final double TARGET_OUTSIDE_DB = 40;

    /*
     * Measured 2026-12-01 by this test's code: bundled tiny model, default options (detail output, working size
     * 40x24 / 24x40, the edit region seeded by frame 0's change and tracked through the source), java backend. Per
     * kind, means over the kind's two cases.
     */
    /** Detail, PSNR outside the edit region [target >= 40 dB: met]. */
    static final Map<EditKind, Double> MEASURED_OUTSIDE_DB = Map.of(
            EditKind.RECOLOUR_REGION, 65.33, EditKind.RECOLOUR_OBJECT, 72.26, EditKind.ADD, 54.35,
            EditKind.REMOVE, 57.82, EditKind.REPLACE, 55.42);
    /** Detail minus source, whole-frame PSNR [target > 0: met; by less than the tolerance for recolour-region]. */
    static final Map<EditKind, Double> MEASURED_WHOLE_OVER_SOURCE_DB = Map.of(
            EditKind.RECOLOUR_REGION, 0.21, EditKind.RECOLOUR_OBJECT, 0.57, EditKind.ADD, 0.80,
            EditKind.REMOVE, 2.52, EditKind.REPLACE, 3.31);
    /** Detail minus copy-first, whole-frame PSNR [target > 0: met]. */
    static final Map<EditKind, Double> MEASURED_WHOLE_OVER_COPY_DB = Map.of(
            EditKind.RECOLOUR_REGION, 9.92, EditKind.RECOLOUR_OBJECT, 16.14, EditKind.ADD, 14.12,
            EditKind.REMOVE, 12.91, EditKind.REPLACE, 12.69);
    /**
     * Detail minus regenerate, edit-region PSNR [target >= 0: met for the recolours and, by 0.02, replace; not for
     * add and remove].
     */
    static final Map<EditKind, Double> MEASURED_REGION_OVER_REGENERATE_DB = Map.of(
            EditKind.RECOLOUR_REGION, 0.07, EditKind.RECOLOUR_OBJECT, 2.25, EditKind.ADD, -0.12,
            EditKind.REMOVE, -0.73, EditKind.REPLACE, 0.02);

    private static VideoshopModel model;
    private static EvaluationReport report;

    @BeforeAll
    static void evaluate() {
        model = VideoshopModel.open(System.getProperty("videoshop.quality.model", "tiny"));
        List<EvalCase> cases = FootageCases.guardSet().stream().map(FootageCases::make).map(EvalCase::of).toList();
        report = Evaluate.run(cases, model, VideoshopOptions.defaults(), Method.FULL_RESOLUTION, null);
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "real-footage-quality.txt"), report.kindTable() + "\n"
                    + report.frameTable() + "\n" + report.table() + "\n" + report.caseTable());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void theGuardSetHoldsEveryKindIn16By9And9By16() {
        assertEquals(5, report.kinds().size(), report.kinds().toString());
        List<CaseResult> detail = report.of(Method.DETAIL);
        assertEquals(10, detail.size());
        assertTrue(detail.stream().anyMatch(r -> r.caseName().startsWith("384x216")));
        assertTrue(detail.stream().anyMatch(r -> r.caseName().startsWith("216x384")));
    }

    @Test
    void frameZeroIsTheEditedFrameExactly() {
        for (CaseResult r : report.of(Method.DETAIL)) {
            assertEquals(Double.POSITIVE_INFINITY, r.framePsnr()[0], r.caseName() + ": frame 0 PSNR");
        }
    }

    @Test
    void outsideTheEditRegionTheSourceIsKept() {
        List<Executable> checks = new ArrayList<>();
        for (EditKind k : EditKind.values()) {
            double outside = mean(k, Method.DETAIL, CaseResult::psnrOutsideRegion);
            double regenerate = mean(k, Method.REGENERATE, CaseResult::psnrOutsideRegion);
            checks.add(bound(k, "outside-region PSNR", outside, TARGET_OUTSIDE_DB, MEASURED_OUTSIDE_DB.get(k)));
            checks.add(() -> assertTrue(outside > regenerate + 10, k.id() + ": detail keeps the footage outside the"
                    + " region far better than regenerate: " + outside + " vs " + regenerate));
        }
        assertAll(checks);
    }

    @Test
    void wholeFramesComparedWithTheSourceAndTheCopiedFirstFrame() {
        List<Executable> checks = new ArrayList<>();
        for (EditKind k : EditKind.values()) {
            double detail = mean(k, Method.DETAIL, CaseResult::psnr);
            checks.add(bound(k, "whole-frame PSNR minus source", detail - mean(k, Method.SOURCE, CaseResult::psnr), 0,
                    MEASURED_WHOLE_OVER_SOURCE_DB.get(k)));
            checks.add(bound(k, "whole-frame PSNR minus copy-first",
                    detail - mean(k, Method.COPY_FIRST, CaseResult::psnr), 0, MEASURED_WHOLE_OVER_COPY_DB.get(k)));
        }
        assertAll(checks);
    }

    @Test
    void editRegionComparedWithRegeneration() {
        List<Executable> checks = new ArrayList<>();
        for (EditKind k : EditKind.values()) {
            double margin = mean(k, Method.DETAIL, CaseResult::psnrEditRegion)
                    - mean(k, Method.REGENERATE, CaseResult::psnrEditRegion);
            checks.add(bound(k, "edit-region PSNR minus regenerate", margin, 0,
                    MEASURED_REGION_OVER_REGENERATE_DB.get(k)));
        }
        assertAll(checks);
    }

    /**
     * The check of one number: the target itself when it was met by more than the tolerance, else the measured
     * level less the tolerance (a guard against getting worse while the target is unmet).
     */
    private static Executable bound(EditKind k, String what, double value, double target, double measured) {
        boolean met = measured >= target + TOLERANCE_DB;
        double min = met ? target : measured - TOLERANCE_DB;
        String msg = String.format(Locale.ROOT, "%s: %s %.2f dB, expected at least %.2f (%s; target %.2f, measured"
                + " %.2f when written)%n%s", k.id(), what, value, min, met ? "target" : "target unmet, guard", target,
                measured, report.kindTable());
        return () -> assertTrue(value >= min, msg);
    }

    private static double mean(EditKind k, Method m, ToDoubleFunction<CaseResult> f) {
        List<CaseResult> rs = report.of(k.id(), m);
        assertEquals(2, rs.size(), k.id() + " " + m.id());
        double s = 0;
        for (CaseResult r : rs) {
            double v = f.applyAsDouble(r);
            s += Double.isInfinite(v) ? EvaluationReport.MEAN_CAP_DB : v;
        }
        return s / rs.size();
    }
}
