package org.videoshop.bench.quality;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.videoshop.OutputMode;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.bench.eval.EvalCase;
import org.videoshop.bench.scene.CaseSpec;
import org.videoshop.bench.scene.FootageCases;
import org.videoshop.model.VideoshopModel;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Images;
import org.videoshop.tensor.Video;

/**
 * Where the region recolour's fade comes from (issue 15; diagnosis in the model card's limits and in
 * {@code tiny-model/HoldDiagnosis.java}): not the library's generation, rescale or decoding. Regenerating a clip
 * from the truth's own inversion (latents that carry the recolour in every frame), conditioned on the edited frame,
 * the library's output keeps most of the recolour to the last frame (asserted); regenerating from the source's
 * inversion, as an edit does, it does not (printed: that part is the model's). The fraction of the true change (truth minus source, inside the edit region) that the
 * output's change carries is measured by least squares at frames 1 and 13, on one guard case (384x216, 14 frames),
 * with the bundled model, default options and regenerate output. Measured when written (tiny v2): from the truth's
 * inversion 0.935 / 0.882, from the source's 0.388 / 0.083.
 */
class RecolourFadeTest {

    private static VideoshopModel model;
    private static EvalCase recolour;

    @BeforeAll
    static void open() {
        model = VideoshopModel.open("tiny");
        CaseSpec spec = FootageCases.guardSet().stream().filter(s -> s.kind().id().equals("recolour-region"))
                .filter(s -> s.width() > s.height()).findFirst().orElseThrow();
        recolour = EvalCase.of(FootageCases.make(spec));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void theGenerationKeepsARecolourTheInversionLatentsCarry() {
        Video source = recolour.source();
        VideoshopOptions options = VideoshopOptions.builder().outputMode(OutputMode.REGENERATE).build();
        Video fromTruth;
        Video fromSource;
        try (VideoEditor editor = Videoshop.editor(model, options)) {
            fromTruth = edit(editor, recolour.truth(), recolour.editedFirst());
            fromSource = edit(editor, source, recolour.editedFirst());
        }
        int last = source.frames() - 1;
        double truth1 = carried(fromTruth, 1);
        double truthLast = carried(fromTruth, last);
        double source1 = carried(fromSource, 1);
        double sourceLast = carried(fromSource, last);
        String msg = String.format(Locale.ROOT, "%s: change carried at frame 1 / %d, from the truth's inversion %.3f /"
                + " %.3f, from the source's %.3f / %.3f", recolour.name(), last, truth1, truthLast, source1, sourceLast);
        System.out.println(msg);
        // the library's part only: the source's figures are the model's (printed, not asserted, so that a model that
        // propagates better does not fail this test)
        assertTrue(truth1 > 0.8 && truthLast > 0.7, msg);
    }

    private static Video edit(VideoEditor editor, Video frames, Frame editedFirst) {
        List<BufferedImage> images = new ArrayList<>();
        for (int t = 0; t < frames.frames(); t++) {
            images.add(Images.toImage(frames.frame(t)));
        }
        List<Frame> out = new ArrayList<>();
        for (BufferedImage img : editor.edit(images, Images.toImage(editedFirst))) {
            out.add(Images.toFrame(img));
        }
        return Video.of(out);
    }

    /** Least-squares fraction of (truth - source) that (output - source) carries inside frame t's edit region. */
    private static double carried(Video out, int t) {
        boolean[] region = recolour.region(t);
        float[] o = out.frame(t).data();
        float[] s = recolour.source().frame(t).data();
        float[] g = recolour.truth().frame(t).data();
        int plane = region.length;
        double num = 0;
        double den = 0;
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane; i++) {
                if (region[i]) {
                    int k = c * plane + i;
                    double change = g[k] - s[k];
                    num += (o[k] - s[k]) * change;
                    den += change * change;
                }
            }
        }
        return num / den;
    }
}
