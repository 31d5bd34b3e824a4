package org.videoshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.videoshop.diffusion.Preconditioning;
import org.videoshop.model.ModelSpec;

/**
 * A model recommends its generation guidance ({@link ModelSpec#guidanceMin()}/{@link ModelSpec#guidanceMax()},
 * SVD's 1 to 3 unless it says otherwise); options that leave guidance unset take it, explicit options win.
 */
class GuidanceResolutionTest {

    private static ModelSpec spec(double guidanceMin, double guidanceMax) {
        return new ModelSpec("m", "v", 4, 2, 0.5, true, 8, 64, 32, 32, Preconditioning.SVD, 0.002, 700, 7, 7, 127,
                0.02, 64, 8, guidanceMin, guidanceMax, ModelSpec.PAPER_SIGMA_THRESHOLD);
    }

    @Test
    void theConvenienceConstructorsRecommendSvdsGuidance() {
        ModelSpec withoutSizeMultiple = new ModelSpec("m", "v", 4, 2, 0.5, true, 8, 64, 32, 32, Preconditioning.SVD,
                0.002, 700, 7, 7, 127, 0.02, 64);
        ModelSpec withSizeMultiple = new ModelSpec("m", "v", 4, 2, 0.5, true, 8, 64, 32, 32, Preconditioning.SVD,
                0.002, 700, 7, 7, 127, 0.02, 64, 8);
        for (ModelSpec s : new ModelSpec[] {withoutSizeMultiple, withSizeMultiple}) {
            assertEquals(1.0, s.guidanceMin());
            assertEquals(3.0, s.guidanceMax());
        }
        assertEquals(ModelSpec.SVD_GUIDANCE_MIN, withSizeMultiple.guidanceMin());
        assertEquals(ModelSpec.SVD_GUIDANCE_MAX, withSizeMultiple.guidanceMax());
        assertEquals(2, withoutSizeMultiple.sizeMultiple());
        assertEquals(spec(1.0, 3.0), withSizeMultiple);
    }

    static Stream<Arguments> badSpecs() {
        return Stream.of(
                Arguments.of("guidanceMin", -1.0, 3.0, "-1.0"),
                Arguments.of("guidanceMax", 1.0, -0.5, "-0.5"),
                Arguments.of("guidanceMin", Double.NaN, 3.0, "NaN"),
                Arguments.of("guidanceMax", 1.0, Double.POSITIVE_INFINITY, "Infinity"));
    }

    @ParameterizedTest(name = "{0} = {3}")
    @MethodSource("badSpecs")
    void aSpecRefusesABadRecommendation(String field, double min, double max, String found) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec(min, max));
        assertTrue(e.getMessage().contains("Expected model " + field + " >= 0 and finite but found " + found),
                e.getMessage());
    }

    @Test
    void unsetOptionsTakeTheModelsRecommendationAndExplicitOnesWin() {
        ModelSpec tinyLike = spec(1.0, 1.5);
        VideoshopOptions unset = VideoshopOptions.defaults();
        assertEquals(1.0, unset.guidanceMin(tinyLike));
        assertEquals(1.5, unset.guidanceMax(tinyLike));
        assertEquals(3.0, unset.guidanceMax(spec(1.0, 3.0)));
        VideoshopOptions explicit = unset.toBuilder().guidance(2, 4).build();
        assertEquals(2.0, explicit.guidanceMin(tinyLike));
        assertEquals(4.0, explicit.guidanceMax(tinyLike));
        VideoshopOptions resolved = unset.resolvedFor(tinyLike);
        assertEquals(1.0, resolved.guidanceMin());
        assertEquals(1.5, resolved.guidanceMax());
        assertEquals(unset.toBuilder().guidance(1.0, 1.5).sigmaThreshold(ModelSpec.PAPER_SIGMA_THRESHOLD).build(),
                resolved);
        VideoshopOptions allSet = explicit.toBuilder().sigmaThreshold(0.5).build();
        assertSame(allSet, allSet.resolvedFor(tinyLike), "nothing left to the model: the same options");
    }

    @Test
    void resolutionIsTheOptionWhenSetElseTheModels() {
        qt().withExamples(200)
                .forAll(doubles().between(0, 50), doubles().between(0, 50), booleans().all(),
                        doubles().between(0, 50))
                .checkAssert((modelMin, modelMax, set, option) -> {
                    ModelSpec s = spec(modelMin, modelMax);
                    VideoshopOptions.Builder b = VideoshopOptions.builder();
                    if (set) {
                        b.guidance(option, option + 1);
                    }
                    VideoshopOptions o = b.build();
                    double min = set ? option : modelMin;
                    double max = set ? option + 1 : modelMax;
                    assertEquals(min, o.guidanceMin(s));
                    assertEquals(max, o.guidanceMax(s));
                    VideoshopOptions r = o.resolvedFor(s);
                    assertEquals(min, r.guidanceMin());
                    assertEquals(max, r.guidanceMax());
                    assertEquals(r, r.resolvedFor(spec(modelMax, modelMin)), "resolving is idempotent");
                });
    }

    @Test
    void guidanceIsSetAsAPairOrLeftToTheModel() {
        VideoshopOptions d = VideoshopOptions.defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new VideoshopOptions(d.strength(), d.steps(), d.sigmaMin(), d.sigmaMax(), d.rho(),
                        d.sigmaThreshold(), d.inversionMode(), d.normalize(), d.inversionGuidanceMin(),
                        d.inversionGuidanceMax(), 1.5, null, d.fps(), d.motionBucketId(), d.noiseAugStrength(),
                        d.seed(), d.normalizeInversionCondition(), d.backend(), d.windowFrames(),
                        d.windowOverlap(), d.workingSize(), d.outputMode(), d.normalization(),
                        d.separateAugmentationDraws(), d.sigmaSpacing()));
        assertTrue(e.getMessage().contains("Expected guidanceMin and guidanceMax both set or both unset")
                && e.getMessage().contains("found guidanceMin 1.5, guidanceMax null"), e.getMessage());
    }
}
