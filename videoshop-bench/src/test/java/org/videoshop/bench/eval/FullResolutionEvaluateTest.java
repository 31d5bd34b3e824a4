package org.videoshop.bench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.VideoshopOptions;
import org.videoshop.bench.scene.CaseFolders;
import org.videoshop.bench.scene.CaseSpec;
import org.videoshop.bench.scene.EditKind;
import org.videoshop.bench.scene.FootageCases;
import org.videoshop.model.VideoshopModel;

/**
 * The full-resolution evaluation end to end on a real ONNX bundle with random weights (the edit numbers are
 * meaningless; what is checked is that scoring happens at the case's own size, per frame and per region).
 */
class FullResolutionEvaluateTest {

    private static final Path BUNDLE = Path.of("../videoshop-onnx/src/test/resources/bundles/random-tiny");

    @Test
    void casesAreScoredAtTheirOwnSizePerFrameAndRegion(@TempDir Path dir) throws IOException {
        assumeTrue(Files.isRegularFile(BUNDLE.resolve("videoshop-model.json")), "random-tiny bundle not found");
        CaseSpec spec = new CaseSpec(EditKind.RECOLOUR_OBJECT, 96, 54, 8, 7);
        CaseFolders.write(FootageCases.make(spec), dir.resolve("cases").resolve(spec.name()));
        EvaluationReport report;
        try (VideoshopModel model = VideoshopModel.open(BUNDLE)) {
            report = Evaluate.run(dir.resolve("cases"), model, VideoshopOptions.builder().steps(4).build(),
                    Method.FULL_RESOLUTION, null);
        }
        assertEquals(Method.FULL_RESOLUTION.size(), report.results().size());
        for (CaseResult r : report.results()) {
            assertEquals("recolour-object", r.kind());
            assertEquals(8, r.framePsnr().length, r.toString());
            assertEquals(8, r.frameRegionPsnr().length);
            assertEquals(8, r.frameOutsidePsnr().length);
            assertTrue(Double.isFinite(r.psnrEditRegion()) && Double.isFinite(r.ssimEditRegion()), r.toString());
        }
        CaseResult source = report.of(Method.SOURCE).get(0);
        assertEquals(Double.POSITIVE_INFINITY, source.psnrOutsideRegion(), "the truth is the source outside");
        // windows centred outside the region still see its edge: below 1, but above the inside
        assertTrue(source.ssimOutsideRegion() > source.ssimEditRegion(), source.toString());
        assertEquals(Double.POSITIVE_INFINITY, report.of(Method.COPY_FIRST).get(0).frameRegionPsnr()[0]);

        Path json = dir.resolve("eval.json");
        report.writeJson(json);
        JsonNode first = new ObjectMapper().readTree(json.toFile()).get(0);
        assertEquals(8, first.get("frame_psnr_edit_region").size());
        assertTrue(first.has("ssim_outside_region"), first.toString());
        Path png = dir.resolve("eval.png");
        Plots.write(report, png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(3 * 520, img.getWidth(), "three panels: one kind, outside, whole");
        assertTrue(report.frameTable().contains("| recolour-object | detail |"), report.frameTable());
    }

    @Test
    void fullResolutionAndAblationMethodsDoNotMix(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Evaluate.fullResolution(List.of(Method.DETAIL, Method.VIDEOSHOP)));
        assertTrue(e.getMessage().contains("detail") && e.getMessage().contains("videoshop"), e.getMessage());
    }
}
