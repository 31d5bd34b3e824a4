package org.videoshop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.videoshop.diffusion.Preconditioning;
import org.videoshop.model.ModelSpec;
import org.videoshop.testing.AnalyticModel;
import org.videoshop.testing.Clips;

/**
 * A model recommends its inversion threshold Sigma ({@link ModelSpec#sigmaThreshold()}, the paper's 1 unless it
 * says otherwise); options that leave Sigma unset take it, explicit options win; {@link VideoshopOptions#resolvedFor}
 * fills in every recommendation, and an inversion serves every edit whose settings resolve to the same values.
 */
class SigmaThresholdResolutionTest {

    private static ModelSpec spec(double sigmaThreshold) {
        return new ModelSpec("m", "v", 4, 2, 0.5, true, 8, 64, 32, 32, Preconditioning.SVD, 0.002, 700, 7, 7, 127,
                0.02, 64, 8, 1.0, 1.5, sigmaThreshold);
    }

    @Test
    void theConvenienceConstructorsRecommendThePapersSigma() {
        ModelSpec bare = new ModelSpec("m", "v", 4, 2, 0.5, true, 8, 64, 32, 32, Preconditioning.SVD, 0.002, 700, 7,
                7, 127, 0.02, 64);
        ModelSpec withSizeMultiple = new ModelSpec("m", "v", 4, 2, 0.5, true, 8, 64, 32, 32, Preconditioning.SVD,
                0.002, 700, 7, 7, 127, 0.02, 64, 8);
        for (ModelSpec s : new ModelSpec[] {bare, withSizeMultiple}) {
            assertEquals(ModelSpec.PAPER_SIGMA_THRESHOLD, s.sigmaThreshold());
        }
        assertEquals(1.0, ModelSpec.PAPER_SIGMA_THRESHOLD);
    }

    static Stream<Arguments> badSpecs() {
        return Stream.of(Arguments.of(-0.25, "-0.25"), Arguments.of(Double.NaN, "NaN"),
                Arguments.of(Double.POSITIVE_INFINITY, "Infinity"));
    }

    @ParameterizedTest(name = "sigmaThreshold = {1}")
    @MethodSource("badSpecs")
    void aSpecRefusesABadRecommendation(double sigma, String found) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec(sigma));
        assertTrue(e.getMessage().contains("Expected model sigmaThreshold >= 0 and finite but found " + found),
                e.getMessage());
    }

    @Test
    void unsetOptionsTakeTheModelsSigmaAndExplicitOnesWin() {
        VideoshopOptions unset = VideoshopOptions.defaults();
        assertNull(unset.sigmaThreshold());
        assertEquals(0.25, unset.sigmaThreshold(spec(0.25)));
        assertEquals(1.0, unset.sigmaThreshold(spec(1.0)));
        VideoshopOptions explicit = unset.toBuilder().sigmaThreshold(0).build();
        assertEquals(0.0, explicit.sigmaThreshold(spec(0.25)), "an explicit 0 is not 'unset'");
        VideoshopOptions resolved = unset.resolvedFor(spec(0.25));
        assertEquals(0.25, resolved.sigmaThreshold());
        assertEquals(unset.toBuilder().sigmaThreshold(0.25).guidance(1.0, 1.5).build(), resolved,
                "guidance and Sigma filled in, nothing else");
        assertNull(resolved.fps(), "model defaults that are not recommendations stay unset");
        VideoshopOptions allSet = explicit.toBuilder().guidance(2, 2).build();
        assertSame(allSet, allSet.resolvedFor(spec(0.25)));
    }

    @Test
    void resolutionIsTheOptionWhenSetElseTheModels() {
        qt().withExamples(200)
                .forAll(doubles().between(0, 100), booleans().all(), doubles().between(0, 100), booleans().all())
                .checkAssert((modelSigma, set, option, guidanceSet) -> {
                    ModelSpec s = spec(modelSigma);
                    VideoshopOptions.Builder b = VideoshopOptions.builder().seed(7);
                    if (set) {
                        b.sigmaThreshold(option);
                    }
                    if (guidanceSet) {
                        b.guidance(2, 3);
                    }
                    VideoshopOptions o = b.build();
                    double expected = set ? option : modelSigma;
                    assertEquals(expected, o.sigmaThreshold(s));
                    VideoshopOptions r = o.resolvedFor(s);
                    assertEquals(expected, r.sigmaThreshold());
                    assertEquals(guidanceSet ? 3.0 : 1.5, r.guidanceMax());
                    assertEquals(r, r.resolvedFor(spec(modelSigma + 1)), "resolving is idempotent");
                    assertEquals(r, o.toBuilder().sigmaThreshold(expected).guidance(r.guidanceMin(),
                            r.guidanceMax()).build().resolvedFor(s), "explicit recommended values resolve alike");
                });
    }

    // invert once, edit many, on the analytic model (whose spec recommends the paper's Sigma 1 and SVD's guidance)

    @Test
    void anInversionWithSettingsLeftToTheModelServesAnEditNamingTheModelsValues() {
        AnalyticModel model = new AnalyticModel(4, 16, 16, 4, 9);
        VideoshopOptions unset = VideoshopOptions.builder().steps(10).strength(0.6).build();
        VideoshopOptions named = unset.toBuilder().sigmaThreshold(ModelSpec.PAPER_SIGMA_THRESHOLD)
                .guidance(ModelSpec.SVD_GUIDANCE_MIN, ModelSpec.SVD_GUIDANCE_MAX).build();
        List<BufferedImage> clip = Clips.movingDisc(4, 16, 16, Color.ORANGE);
        BufferedImage edited = Clips.movingDisc(1, 16, 16, Color.GREEN).get(0);
        try (VideoEditor a = Videoshop.editor(model, unset); VideoEditor b = Videoshop.editor(model, named);
             VideoEditor other = Videoshop.editor(model, unset.toBuilder().sigmaThreshold(0.5).build())) {
            Inverted inverted = a.invert(clip, ProgressListener.NONE, null);
            List<BufferedImage> direct = a.edit(clip, edited);
            List<BufferedImage> viaNamed = b.inverted(inverted.plan(), inverted.windows()).withOriginals(clip)
                    .edit(edited);
            for (int t = 0; t < clip.size(); t++) {
                assertArrayEquals(direct.get(t).getRGB(0, 0, 16, 16, null, 0, 16),
                        viaNamed.get(t).getRGB(0, 0, 16, 16, null, 0, 16), "frame " + t);
            }
            Inverted byNamed = b.invert(clip, ProgressListener.NONE, null);
            a.inverted(byNamed.plan(), byNamed.windows());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> other.inverted(inverted.plan(), inverted.windows()));
            assertTrue(e.getMessage().contains("sigmaThreshold=0.5") && e.getMessage().contains("sigmaThreshold=1.0"),
                    e.getMessage());
        }
    }
}
