package org.videoshop.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.EditResult;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;
import org.videoshop.pipeline.EditPipeline;
import org.videoshop.pipeline.Guidance;
import org.videoshop.pipeline.StepContext;
import org.videoshop.tensor.Video;

/**
 * The bundled tiny model's recommended guidance ({@code $.video.guidance} of its manifest, read here with Jackson:
 * 1 to 1.5 for tiny v1) is the guidance
 * generation runs with when the options leave it unset; explicit options win; provenance records what was used.
 * Real ONNX Runtime edits on the real bundle; the guidance scales are read where generation applies them (the
 * latent kernels' guidance combine).
 */
class RecommendedGuidanceTest extends TinyModelFixture {

    private static final VideoshopOptions UNSET = VideoshopOptions.builder().steps(8).strength(0.5).seed(5).build();
    /** The recommendation as the manifest states it. */
    private static final double MIN = TestBundles.tinyManifest().path("video").path("guidance").path("min").asDouble();
    private static final double MAX = TestBundles.tinyManifest().path("video").path("guidance").path("max").asDouble();

    @TempDir
    Path tmp;

    /** Runs one edit on the pipeline and returns the scales of each guidance combine, then the result. */
    private static EditResult edit(VideoshopModel model, VideoshopOptions options, List<float[]> scalesOut) {
        RecordingKernels kernels = new RecordingKernels();
        EditResult r = new EditPipeline(model, kernels, options).run(source, edited, null, StepContext.silent());
        scalesOut.addAll(kernels.scales);
        return r;
    }

    private static int generationSteps(VideoshopOptions options, ModelSpec spec) {
        return options.schedule(spec).sigmas().length - 1;
    }

    @Test
    void theTinyBundleRecommendsItsManifestsRangeBelowSvds() {
        assertTrue(MAX > MIN && MAX != 3.0, "the manifest recommends a range of its own: " + MIN + " to " + MAX);
        assertEquals(MIN, tiny.spec().guidanceMin());
        assertEquals(MAX, tiny.spec().guidanceMax());
        assertNull(UNSET.guidanceMin());
        assertNull(UNSET.guidanceMax());
    }

    @Test
    void unsetGuidanceGeneratesWithTheModelsRecommendation() {
        List<float[]> scales = new ArrayList<>();
        EditResult r = edit(tiny, UNSET, scales);
        float[] recommended = Guidance.linear(MIN, MAX, source.frames());
        // inversion runs unguided (inversion guidance 1 to 1); every generation step combines with MIN -> MAX
        assertEquals(generationSteps(UNSET, tiny.spec()), scales.size());
        for (float[] s : scales) {
            assertArrayEquals(recommended, s);
        }
        VideoshopOptions recorded = r.provenance().options();
        assertEquals(MIN, recorded.guidanceMin());
        assertEquals(MAX, recorded.guidanceMax());
        assertEquals(UNSET.toBuilder().guidance(MIN, MAX).sigmaThreshold(tiny.spec().sigmaThreshold()).build(),
                recorded, "only the model's recommendations (guidance, Sigma) are filled in");
    }

    @Test
    void explicitGuidanceWins() {
        VideoshopOptions explicit = UNSET.toBuilder().guidance(1, 3).build();
        List<float[]> scales = new ArrayList<>();
        EditResult r = edit(tiny, explicit, scales);
        assertEquals(generationSteps(explicit, tiny.spec()), scales.size());
        for (float[] s : scales) {
            assertArrayEquals(Guidance.linear(1, 3, source.frames()), s);
        }
        assertEquals(explicit.resolvedFor(tiny.spec()), r.provenance().options());
        assertEquals(3.0, r.provenance().options().guidanceMax());
    }

    @Test
    void theRecommendationEditsExactlyLikeTheSameGuidanceGivenExplicitly() {
        try (VideoEditor unset = Videoshop.editor(tiny, UNSET);
             VideoEditor same = Videoshop.editor(tiny, UNSET.toBuilder().guidance(MIN, MAX).build());
             VideoEditor svd = Videoshop.editor(tiny, UNSET.toBuilder().guidance(1.0, 3.0).build())) {
            Video a = unset.edit(source, edited).video();
            assertArrayEquals(a.data(), same.edit(source, edited).video().data());
            assertFalse(Arrays.equals(a.data(), svd.edit(source, edited).video().data()),
                    "SVD's 1 -> 3 edits differently");
        }
    }

    /** The tiny bundle's files, copied, with {@code $.video.guidance} replaced (or removed when null). */
    private Path tinyWithGuidance(double[] range) {
        return TestBundles.tinyCopy(tmp, m -> {
            ObjectNode video = (ObjectNode) m.get("video");
            if (range == null) {
                video.remove("guidance");
            } else {
                video.putObject("guidance").put("min", range[0]).put("max", range[1]);
            }
        });
    }

    @Test
    void aBundleRecommendingNoGuidanceGeneratesUnguided() {
        try (VideoshopModel model = VideoshopModel.open(tinyWithGuidance(new double[] {1, 1}))) {
            assertEquals(1.0, model.spec().guidanceMax());
            List<float[]> scales = new ArrayList<>();
            EditResult r = edit(model, UNSET, scales);
            assertTrue(scales.isEmpty(), "scales all 1: the unconditional branch is skipped");
            assertEquals(1.0, r.provenance().options().guidanceMax());
            scales.clear();
            edit(model, UNSET.toBuilder().guidance(1, 2).build(), scales);
            assertEquals(generationSteps(UNSET, model.spec()), scales.size());
        }
    }

    @Test
    void aBundleWithoutGuidanceGetsSvdsOneToThree() {
        try (VideoshopModel model = VideoshopModel.open(tinyWithGuidance(null))) {
            assertEquals(ModelSpec.SVD_GUIDANCE_MIN, model.spec().guidanceMin());
            assertEquals(ModelSpec.SVD_GUIDANCE_MAX, model.spec().guidanceMax());
            List<float[]> scales = new ArrayList<>();
            EditResult r = edit(model, UNSET, scales);
            assertArrayEquals(Guidance.linear(1, 3, source.frames()), scales.get(0));
            assertEquals(3.0, r.provenance().options().guidanceMax());
        }
    }
}
