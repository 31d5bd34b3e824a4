package org.videoshop.bench.quality;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.videoshop.VideoshopOptions;
import org.videoshop.bench.eval.EvalCase;
import org.videoshop.bench.eval.Evaluate;
import org.videoshop.bench.eval.EvaluationReport;
import org.videoshop.bench.eval.Method;
import org.videoshop.bench.scene.FootageCases;
import org.videoshop.model.VideoshopModel;

/** MEASURE ONLY (scratch). */
class RealFootageQualityTest {

    private static VideoshopModel model;
    private static EvaluationReport report;

    @BeforeAll
    static void run() {
        model = VideoshopModel.open(System.getProperty("videoshop.quality.model", "tiny"));
        List<EvalCase> cases = FootageCases.guardSet().stream().map(FootageCases::make).map(EvalCase::of).toList();
        report = Evaluate.run(cases, model, VideoshopOptions.defaults(), Method.FULL_RESOLUTION, System.err);
        try {
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
    void measured() {
        System.err.println(report.kindTable());
    }
}
