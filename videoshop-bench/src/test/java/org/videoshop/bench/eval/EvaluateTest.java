package org.videoshop.bench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.VideoshopOptions;
import org.videoshop.bench.SyntheticClip;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Video;
import org.videoshop.testing.AnalyticModel;

class EvaluateTest {

    private static final int FRAMES = 4;

    @TempDir
    static Path dir;
    private static EvaluationReport report;

    /** Cases at 32x32 (the model runs at 16x16): a recolour, the same with a mask, an identity edit, a still clip. */
    @BeforeAll
    static void evaluate() throws IOException {
        Path cases = dir.resolve("cases");
        SyntheticClip clip = SyntheticClip.generate(FRAMES, 32, 32, 3);
        EvalCase.write(cases.resolve("a-recolour"), clip.source(), clip.truth(), clip.editedFirst(), null);
        EvalCase.write(cases.resolve("b-recolour-masked"), clip.source(), clip.truth(), clip.editedFirst(),
                unionOfDifferences(clip.source(), clip.truth()));
        EvalCase.write(cases.resolve("c-identity"), clip.source(), clip.source(), clip.source().frame(0), null);
        Video still = repeat(clip.source().frame(0));
        EvalCase.write(cases.resolve("d-still"), still, repeat(clip.editedFirst()), clip.editedFirst(), null);
        try (AnalyticModel model = new AnalyticModel(FRAMES, 16, 16, 4, 11)) {
            report = Evaluate.run(cases, model, VideoshopOptions.builder().steps(10).build());
        }
    }

    @Test
    void everyCaseGetsEveryMethodWithFiniteScores() {
        assertEquals(4 * Method.ABLATION.size(), report.results().size());
        for (CaseResult r : report.results()) {
            if (r.method().usesModel()) {
                assertTrue(Double.isFinite(r.psnr()), r.toString());
                assertTrue(Double.isFinite(r.ssim()) && r.ssim() <= 1 && r.ssim() > -1, r.toString());
                assertNotNull(r.trajectory(), r.toString());
                assertTrue(r.trajectory().steps() == 5, "floor(10 * 0.55) inversion steps: " + r.trajectory());
                assertTrue(r.trajectory().adjacentMean() <= 1 + 1e-9 && r.trajectory().adjacentMin() >= -1 - 1e-9);
            } else {
                assertNull(r.trajectory());
            }
            assertEquals(FRAMES, r.framePsnr().length);
        }
        for (CaseResult r : report.of(Method.VIDEOSHOP)) {
            if (r.caseName().startsWith("a") || r.caseName().startsWith("b")) {
                assertTrue(Double.isFinite(r.psnrEditRegion()) && Double.isFinite(r.psnrOutsideRegion()),
                        r.toString());
            }
        }
    }

    @Test
    void baselinesAreExactByConstruction() {
        CaseResult identity = find("c-identity", Method.SOURCE);
        assertEquals(Double.POSITIVE_INFINITY, identity.psnr());
        assertEquals(1.0, identity.ssim(), 1e-12);
        assertTrue(Double.isNaN(identity.psnrEditRegion()), "an identity edit has no edited region");
        CaseResult still = find("d-still", Method.COPY_FIRST);
        assertEquals(Double.POSITIVE_INFINITY, still.psnr());
        assertEquals(1.0, still.ssim(), 1e-12);
        // outside the edited region the truth is the source, so the source baseline is exact there
        assertEquals(Double.POSITIVE_INFINITY, find("a-recolour", Method.SOURCE).psnrOutsideRegion());
        // copy-first reproduces frame 0 of the truth exactly
        assertEquals(Double.POSITIVE_INFINITY, find("a-recolour", Method.COPY_FIRST).framePsnr()[0]);
        assertFalse(Double.isInfinite(find("a-recolour", Method.COPY_FIRST).psnr()), "the square moves");
    }

    @Test
    void jsonHasOneObjectPerCaseAndMethodWithTheRequiredFields() throws IOException {
        Path json = dir.resolve("eval.json");
        report.writeJson(json);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertTrue(root.isArray());
        assertEquals(report.results().size(), root.size());
        Set<String> methods = new java.util.HashSet<>();
        for (JsonNode o : root) {
            for (String f : List.of("case", "method", "psnr", "psnr_edit_region", "psnr_outside_region", "ssim")) {
                assertTrue(o.has(f), "missing " + f + " in " + o);
            }
            methods.add(o.get("method").asText());
            if (o.get("method").asText().equals("videoshop")) {
                assertTrue(o.get("psnr").isNumber());
                assertTrue(o.has("trajectory_adjacent_mean"));
            }
        }
        assertEquals(Set.of("videoshop", "naive", "no-normalize", "naive-no-normalize", "copy-first", "source"),
                methods);
        JsonNode identitySource = find(root, "c-identity", "source");
        assertTrue(identitySource.get("psnr").isNull(), "infinite PSNR is written as null");
    }

    @Test
    void tableAndPlotAreWritten() throws IOException {
        String table = report.table();
        for (Method m : Method.ABLATION) {
            assertTrue(table.contains("| " + m.id() + " | 4 |"), table);
        }
        Path png = dir.resolve("plots/psnr.png");
        PsnrPlot.write(report, png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(900, img.getWidth());
    }

    @Test
    void kindsComeFromCaseJsonOrTheFolderName() throws IOException {
        Path withJson = dir.resolve("kinds/whatever-7");
        java.nio.file.Files.createDirectories(withJson);
        java.nio.file.Files.writeString(withJson.resolve("case.json"), "{\"seed\": 3, \"edit\": \"remove\"}");
        assertEquals("remove", EvalCase.kindOf(withJson, "whatever-7"));
        assertEquals("recolour", EvalCase.kindOf(dir.resolve("kinds/none"), "recolour-12"));
        assertEquals("a-recolour", EvalCase.kindOf(dir.resolve("kinds/none"), "a-recolour"));
        assertEquals(4, report.kinds().size());
        assertTrue(report.kindTable().contains("| d-still | copy-first | 1 | ∞ |"), report.kindTable());
    }

    private static CaseResult find(String name, Method m) {
        return report.of(m).stream().filter(r -> r.caseName().equals(name)).findFirst().orElseThrow();
    }

    private static JsonNode find(JsonNode root, String name, String method) {
        for (JsonNode o : root) {
            if (o.get("case").asText().equals(name) && o.get("method").asText().equals(method)) {
                return o;
            }
        }
        throw new AssertionError(name + "/" + method);
    }

    private static Video repeat(Frame f) {
        List<Frame> fs = new ArrayList<>();
        for (int t = 0; t < FRAMES; t++) {
            fs.add(f);
        }
        return Video.of(fs);
    }

    private static boolean[] unionOfDifferences(Video a, Video b) {
        int plane = a.width() * a.height();
        boolean[] m = new boolean[plane];
        float[] ad = a.data();
        float[] bd = b.data();
        for (int t = 0; t < a.frames(); t++) {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < plane; i++) {
                    int k = (t * 3 + c) * plane + i;
                    m[i] |= ad[k] != bd[k];
                }
            }
        }
        return m;
    }
}
