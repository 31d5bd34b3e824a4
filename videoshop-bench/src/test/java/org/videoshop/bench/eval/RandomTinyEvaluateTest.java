package org.videoshop.bench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.VideoshopOptions;
import org.videoshop.bench.SyntheticClip;
import org.videoshop.model.ModelProvider;
import org.videoshop.model.ModelProviders;
import org.videoshop.model.VideoshopModel;

/** The evaluator end to end on a real ONNX bundle (random weights: the numbers are meaningless, but finite). */
class RandomTinyEvaluateTest {

    private static final Path BUNDLE = Path.of("../videoshop-onnx/src/test/resources/bundles/random-tiny");

    @Test
    void everyMethodGivesFiniteScoresOnTheRandomTinyBundle(@TempDir Path dir) throws IOException {
        assumeTrue(Files.isRegularFile(BUNDLE.resolve("videoshop-model.json")), "random-tiny bundle not found");
        assumeTrue(ModelProviders.all().stream().anyMatch(ModelProvider::isAvailable), "no model provider");
        SyntheticClip clip = SyntheticClip.generate(8, 48, 40, 2);
        EvalCase.write(dir.resolve("recolour-1"), clip.source(), clip.truth(), clip.editedFirst(), null);
        try (VideoshopModel model = VideoshopModel.open(BUNDLE)) {
            EvaluationReport report = Evaluate.run(dir, model, VideoshopOptions.builder().steps(6).build());
            assertEquals(Method.ABLATION.size(), report.results().size());
            for (CaseResult r : report.results()) {
                assertTrue(Double.isFinite(r.psnr()) && Double.isFinite(r.psnrEditRegion())
                        && Double.isFinite(r.ssim()), r.toString());
                if (r.method().usesModel()) {
                    assertTrue(Double.isFinite(r.trajectory().adjacentMean()), r.toString());
                }
            }
            assertEquals("random-tiny", report.model());
            assertEquals("recolour", report.results().get(0).kind());
        }
    }
}
