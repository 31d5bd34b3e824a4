package org.videoshop.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.EditResult;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.kernel.Backends;
import org.videoshop.kernel.LatentKernels;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;
import org.videoshop.pipeline.EditPipeline;
import org.videoshop.pipeline.Guidance;
import org.videoshop.pipeline.StepContext;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Video;

/**
 * The bundled tiny model's recommended guidance ({@code $.video.guidance} of its manifest, 1 to 1.5) is the guidance
 * generation runs with when the options leave it unset; explicit options win; provenance records what was used.
 * Real ONNX Runtime edits on the real bundle; the guidance scales are read where generation applies them (the
 * latent kernels' guidance combine).
 */
class RecommendedGuidanceTest {

    private static final VideoshopOptions UNSET = VideoshopOptions.builder().steps(8).strength(0.5).seed(5).build();
    private static VideoshopModel tiny;
    private static Video source;
    private static Frame edited;

    @TempDir
    Path tmp;

    @BeforeAll
    static void open() {
        tiny = VideoshopModel.open("tiny");
        ModelSpec s = tiny.spec();
        source = Clips.movingSquare(s.nativeFrames(), s.height(), s.width());
        edited = Clips.recolouredFirst(source);
    }

    @AfterAll
    static void close() {
        tiny.close();
    }

    /** Reference kernels that record the per-frame scales of every guidance combine. */
    private static final class RecordingKernels implements LatentKernels {
        private final LatentKernels k = Backends.kernels("java");
        final List<float[]> scales = new ArrayList<>();

        @Override
        public String name() {
            return k.name();
        }

        @Override
        public void extrapolate(float[] x0, float[] x, float ratio, float cIn, float[] out) {
            k.extrapolate(x0, x, ratio, cIn, out);
        }

        @Override
        public void perturb(float[] x0, float[] noise, float amplitude, float cIn, float[] out) {
            k.perturb(x0, noise, amplitude, cIn, out);
        }

        @Override
        public void scale(float[] x, float c, float[] out) {
            k.scale(x, c, out);
        }

        @Override
        public void inverseEulerStep(float[] x, float[] f, float sCur, float sNext, float cSkip, float cOut,
                                     float[] out) {
            k.inverseEulerStep(x, f, sCur, sNext, cSkip, cOut, out);
        }

        @Override
        public void eulerStep(float[] x, float[] f, float sigma, float sNext, float cSkip, float cOut, float[] out) {
            k.eulerStep(x, f, sigma, sNext, cSkip, cOut, out);
        }

        @Override
        public void guidance(float[] cond, float[] uncond, float[] frameScales, int frameSize, float[] out) {
            scales.add(frameScales.clone());
            k.guidance(cond, uncond, frameScales, frameSize, out);
        }

        @Override
        public void channelStats(float[] x, LatentShape shape, int fromFrame, int toFrame, double[] mean,
                                 double[] std) {
            k.channelStats(x, shape, fromFrame, toFrame, mean, std);
        }

        @Override
        public void affine(float[] x, LatentShape shape, float[] scale, float[] shift, float[] out) {
            k.affine(x, shape, scale, shift, out);
        }

        @Override
        public void blend(float[] a, float[] b, float[] weight, float[] out) {
            k.blend(a, b, weight, out);
        }
    }

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
    void theTinyBundleRecommendsOneToOnePointFive() {
        assertEquals(1.0, tiny.spec().guidanceMin());
        assertEquals(1.5, tiny.spec().guidanceMax());
        assertNull(UNSET.guidanceMin());
        assertNull(UNSET.guidanceMax());
    }

    @Test
    void unsetGuidanceGeneratesWithTheModelsRecommendation() {
        List<float[]> scales = new ArrayList<>();
        EditResult r = edit(tiny, UNSET, scales);
        float[] recommended = Guidance.linear(1.0, 1.5, source.frames());
        // inversion runs unguided (inversion guidance 1 to 1); every generation step combines with 1 -> 1.5
        assertEquals(generationSteps(UNSET, tiny.spec()), scales.size());
        for (float[] s : scales) {
            assertArrayEquals(recommended, s);
        }
        VideoshopOptions recorded = r.provenance().options();
        assertEquals(1.0, recorded.guidanceMin());
        assertEquals(1.5, recorded.guidanceMax());
        assertEquals(UNSET.toBuilder().guidance(1.0, 1.5).build(), recorded, "only the guidance is filled in");
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
        assertEquals(explicit, r.provenance().options());
    }

    @Test
    void theRecommendationEditsExactlyLikeTheSameGuidanceGivenExplicitly() {
        try (VideoEditor unset = Videoshop.editor(tiny, UNSET);
             VideoEditor same = Videoshop.editor(tiny, UNSET.toBuilder().guidance(1.0, 1.5).build());
             VideoEditor svd = Videoshop.editor(tiny, UNSET.toBuilder().guidance(1.0, 3.0).build())) {
            Video a = unset.edit(source, edited).video();
            assertArrayEquals(a.data(), same.edit(source, edited).video().data());
            assertFalse(Arrays.equals(a.data(), svd.edit(source, edited).video().data()),
                    "SVD's 1 -> 3 edits differently");
        }
    }

    /** The tiny bundle's files, copied, with {@code $.video.guidance} replaced (or removed when null). */
    private Path tinyWithGuidance(double[] range) throws IOException {
        Path from = TestBundles.resource(OnnxModelProvider.TINY_RESOURCE);
        assertNotNull(from, "the bundled tiny model on the test classpath");
        Path to = Files.createDirectories(tmp.resolve("tiny"));
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
        ObjectNode m = TestBundles.manifest(to);
        ObjectNode video = (ObjectNode) m.get("video");
        if (range == null) {
            video.remove("guidance");
        } else {
            video.putObject("guidance").put("min", range[0]).put("max", range[1]);
        }
        TestBundles.write(to, m);
        return to;
    }

    @Test
    void aBundleRecommendingNoGuidanceGeneratesUnguided() throws IOException {
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
    void aBundleWithoutGuidanceGetsSvdsOneToThree() throws IOException {
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
