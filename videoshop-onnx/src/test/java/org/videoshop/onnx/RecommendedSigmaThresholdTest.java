package org.videoshop.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.EditResult;
import org.videoshop.Inverted;
import org.videoshop.ProgressListener;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;
import org.videoshop.onnx.store.InversionFiles;
import org.videoshop.pipeline.EditPipeline;
import org.videoshop.pipeline.StepContext;
import org.videoshop.tensor.Video;

/**
 * The bundled tiny model's recommended inversion threshold Sigma ({@code $.schedule.sigmaThreshold} of its
 * manifest) is the Sigma inversion runs with when the options leave it unset; explicit options win;
 * provenance records what was used; an inversion serves any edit whose settings resolve to the same values. Real
 * ONNX Runtime edits on the real bundle; which estimate each inversion step used (extrapolation above Sigma, x0
 * plus fixed noise at or below it) is read where the pipeline asks the latent kernels for it.
 */
class RecommendedSigmaThresholdTest extends TinyModelFixture {

    /**
     * 10 steps at strength 0.6 keep the levels 26.8, 8.68, 2.27, 0.431, 0.0485, 0.002, 0: inversion steps start at
     * 0, 0.002, 0.0485, 0.431, ..., so Sigma 0.25 and the paper's 1 differ at the step from 0.431.
     */
    private static final VideoshopOptions UNSET = VideoshopOptions.builder().steps(10).strength(0.6).seed(5).build();
    /** The recommendation as the manifest states it (read with Jackson; 0.25 for tiny v1). */
    private static final double TINY_SIGMA = TestBundles.tinyManifest().path("schedule").path("sigmaThreshold")
            .asDouble();
    private static final double GUIDANCE_MIN = TestBundles.tinyManifest().path("video").path("guidance").path("min")
            .asDouble();
    private static final double GUIDANCE_MAX = TestBundles.tinyManifest().path("video").path("guidance").path("max")
            .asDouble();

    @TempDir
    Path tmp;

    /** Which estimate each inversion step uses at that Sigma: the steps go up from sigma 0 (Inversion's rule). */
    private static List<String> expectedSteps(double[] sigmas, double sigmaThreshold) {
        int steps = sigmas.length - 1;
        List<String> out = new ArrayList<>();
        for (int k = 0; k < steps; k++) {
            double sCur = sigmas[steps - k];
            out.add(sCur > sigmaThreshold ? RecordingKernels.EXTRAPOLATE : RecordingKernels.PERTURB);
        }
        return out;
    }

    private static List<String> expectedSteps(VideoshopModel model, VideoshopOptions options, double sigma) {
        return expectedSteps(options.schedule(model.spec()).sigmas(), sigma);
    }

    /** Inverts the clip on the pipeline; returns the estimate each inversion step used. */
    private static List<String> invert(VideoshopModel model, VideoshopOptions options) {
        RecordingKernels kernels = new RecordingKernels();
        new EditPipeline(model, kernels, options).invert(source, StepContext.silent());
        return kernels.inversionSteps;
    }

    /** Runs one whole edit on the pipeline; {@code stepsOut} receives the estimate each inversion step used. */
    private static EditResult edit(VideoshopModel model, VideoshopOptions options, List<String> stepsOut) {
        RecordingKernels kernels = new RecordingKernels();
        EditResult r = new EditPipeline(model, kernels, options).run(source, edited, null, StepContext.silent());
        stepsOut.addAll(kernels.inversionSteps);
        return r;
    }

    @Test
    void theTinyBundleRecommendsAQuarterAndTheScheduleTellsItFromThePapersOne() {
        assertEquals(TINY_SIGMA, tiny.spec().sigmaThreshold());
        assertNull(UNSET.sigmaThreshold());
        assertNotEquals(expectedSteps(tiny, UNSET, TINY_SIGMA), expectedSteps(tiny, UNSET, 1.0),
                "the test's schedule has a level between " + TINY_SIGMA + " and 1");
    }

    @Test
    void unsetSigmaInvertsWithTheModelsRecommendation() {
        List<String> steps = new ArrayList<>();
        EditResult r = edit(tiny, UNSET, steps);
        assertEquals(expectedSteps(tiny, UNSET, TINY_SIGMA), steps);
        VideoshopOptions recorded = r.provenance().options();
        assertEquals(TINY_SIGMA, recorded.sigmaThreshold(), "provenance records the Sigma used");
        assertEquals(explicitRecommendations(), recorded,
                "only the model's recommendations (Sigma, guidance) are filled in");
    }

    @Test
    void explicitSigmaWins() {
        VideoshopOptions papers = UNSET.toBuilder().sigmaThreshold(1.0).build();
        List<String> steps = new ArrayList<>();
        EditResult r = edit(tiny, papers, steps);
        assertEquals(expectedSteps(tiny, UNSET, 1.0), steps);
        assertEquals(1.0, r.provenance().options().sigmaThreshold());
        assertEquals(papers.resolvedFor(tiny.spec()), r.provenance().options());
    }

    @Test
    void anyExplicitSigmaIsTheOneInversionUses() {
        qt().withExamples(12).forAll(doubles().between(0, 30)).checkAssert(sigma -> {
            VideoshopOptions o = UNSET.toBuilder().sigmaThreshold(sigma).build();
            assertEquals(expectedSteps(tiny, o, sigma), invert(tiny, o), "Sigma " + sigma);
        });
        VideoshopOptions zero = UNSET.toBuilder().sigmaThreshold(0).build();
        List<String> steps = invert(tiny, zero);
        assertEquals(RecordingKernels.PERTURB, steps.get(0), "Sigma 0: only the step from sigma 0 uses noise");
        assertFalse(steps.subList(1, steps.size()).contains(RecordingKernels.PERTURB), steps::toString);
    }

    @Test
    void theRecommendationEditsExactlyLikeTheSameSigmaGivenExplicitly() {
        try (VideoEditor unset = Videoshop.editor(tiny, UNSET);
             VideoEditor same = Videoshop.editor(tiny, UNSET.toBuilder().sigmaThreshold(TINY_SIGMA).build());
             VideoEditor papers = Videoshop.editor(tiny, UNSET.toBuilder().sigmaThreshold(1.0).build())) {
            Video a = unset.edit(source, edited).video();
            assertArrayEquals(a.data(), same.edit(source, edited).video().data());
            assertFalse(Arrays.equals(a.data(), papers.edit(source, edited).video().data()),
                    "the paper's Sigma 1 edits differently");
        }
    }

    @Test
    void aBundleWithoutSigmaThresholdGetsThePapersOne() {
        Path folder = TestBundles.tinyCopy(tmp, m -> ((ObjectNode) m.get("schedule")).remove("sigmaThreshold"));
        try (VideoshopModel model = VideoshopModel.open(folder)) {
            assertEquals(ModelSpec.PAPER_SIGMA_THRESHOLD, model.spec().sigmaThreshold());
            List<String> steps = new ArrayList<>();
            EditResult r = edit(model, UNSET, steps);
            assertEquals(expectedSteps(model, UNSET, 1.0), steps);
            assertEquals(1.0, r.provenance().options().sigmaThreshold());
        }
    }

    @Test
    void aBundleRecommendingAnotherSigmaInvertsWithIt() {
        Path folder = TestBundles.tinyCopy(tmp, m -> ((ObjectNode) m.get("schedule")).put("sigmaThreshold", 3.0));
        try (VideoshopModel model = VideoshopModel.open(folder)) {
            assertEquals(3.0, model.spec().sigmaThreshold());
            assertEquals(expectedSteps(model, UNSET, 3.0), invert(model, UNSET));
            assertNotEquals(expectedSteps(model, UNSET, 3.0), expectedSteps(model, UNSET, TINY_SIGMA));
        }
    }

    // invert once, edit many: settings are compared as the model resolves them

    /** The model's recommendations named explicitly: the same settings as {@link #UNSET} for the tiny model. */
    private static VideoshopOptions explicitRecommendations() {
        return UNSET.toBuilder().sigmaThreshold(TINY_SIGMA).guidance(GUIDANCE_MIN, GUIDANCE_MAX).build();
    }

    @Test
    void anInversionWithSettingsLeftToTheModelServesAnEditNamingTheModelsValues() {
        VideoshopOptions explicit = explicitRecommendations();
        assertNotEquals(UNSET, explicit);
        try (VideoEditor unset = Videoshop.editor(tiny, UNSET);
             VideoEditor named = Videoshop.editor(tiny, explicit)) {
            Inverted leftToModel = unset.invert(source, ProgressListener.NONE, null);
            Inverted accepted = named.inverted(leftToModel.plan(), leftToModel.windows());
            Video direct = unset.edit(source, edited).video();
            assertArrayEquals(direct.data(), accepted.edit(edited).video().data());

            Inverted namedInversion = named.invert(source, ProgressListener.NONE, null);
            Inverted back = unset.inverted(namedInversion.plan(), namedInversion.windows());
            assertArrayEquals(direct.data(), back.edit(edited).video().data(), "and the other way round");
        }
    }

    @Test
    void anInversionIsRefusedByAnEditWhoseSigmaResolvesDifferently() {
        try (VideoEditor unset = Videoshop.editor(tiny, UNSET);
             VideoEditor other = Videoshop.editor(tiny, UNSET.toBuilder().sigmaThreshold(0.5).build())) {
            Inverted inverted = unset.invert(source, ProgressListener.NONE, null);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> other.inverted(inverted.plan(), inverted.windows()));
            assertTrue(e.getMessage().contains("Expected an inversion made with the editor's options")
                    && e.getMessage().contains("sigmaThreshold=0.5") && e.getMessage().contains("sigmaThreshold=0.25"),
                    e.getMessage());
        }
    }

    @Test
    void anInversionFileSavedWithSettingsLeftToTheModelLoadsForTheModelsValuesNamed() throws Exception {
        Path file = tmp.resolve("clip.inv");
        try (VideoEditor unset = Videoshop.editor(tiny, UNSET);
             VideoEditor named = Videoshop.editor(tiny, explicitRecommendations());
             VideoEditor other = Videoshop.editor(tiny, UNSET.toBuilder().sigmaThreshold(0.5).build())) {
            InversionFiles.save(unset.invert(source, ProgressListener.NONE, null), file);
            Inverted loaded = InversionFiles.load(file, named);
            assertArrayEquals(unset.edit(source, edited).video().data(), loaded.edit(edited).video().data());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> InversionFiles.load(file, other));
            assertTrue(e.getMessage().endsWith("it was made with sigmaThreshold=0.25 (expected 0.5)"),
                    "names the resolved values that differ, only those: " + e.getMessage());
        }
    }
}
