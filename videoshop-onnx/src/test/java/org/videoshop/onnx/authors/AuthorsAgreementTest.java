package org.videoshop.onnx.authors;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.videoshop.VideoshopOptions;
import org.videoshop.diffusion.LatentNormalization;

/**
 * The Java pipeline (backend java, real ONNX Runtime on the exported bundle) against the paper authors' own code
 * run by videoshop-onnx/scripts/svd_reference/reference.py on the same random SVD-architecture weights with the
 * same draws: every stage within relative {@value AuthorsAgreement#STAGE_TOLERANCE}, frames at
 * {@value AuthorsAgreement#FRAMES_PSNR} dB or better, with run.py's per-frame normalisation and with the paper's
 * per-channel one. The controls show that the comparison notices a change of any one setting of the algorithm.
 */
class AuthorsAgreementTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"per-frame", "per-channel"})
    void theJavaEditAgreesWithTheAuthorsCodeAtEveryStage(String reference) {
        AuthorsAgreement.Agreement a = AuthorsAgreement.assertAgrees(reference, "java");
        if (reference.equals("per-frame")) {
            assertTrue(a.relative().size() >= 30 && !Double.isNaN(a.framesPsnr()),
                    "Expected the per-frame reference to hold every stage and the frames but found " + a.table());
        }
    }

    private static VideoshopOptions.Builder authorsRun() {
        return new AuthorsReference(AuthorsAgreement.fixture().resolve("per-frame")).options().toBuilder();
    }

    @Test
    void aChangedGuidanceScheduleIsNoticed() {
        AuthorsAgreement.Agreement a = AuthorsAgreement.measure("per-frame", authorsRun().guidance(1, 3).build(),
                "java");
        assertTrue(a.relative().get("invert_13") < AuthorsAgreement.STAGE_TOLERANCE, a.table());
        assertTrue(a.relative().get("generate_01") > AuthorsAgreement.STAGE_TOLERANCE, a.table());
        assertTrue(a.relative().get("generate_13") > 100 * AuthorsAgreement.STAGE_TOLERANCE, a.table());
    }

    @Test
    void aChangedNormalisationOrThresholdIsNoticed() {
        AuthorsAgreement.Agreement n = AuthorsAgreement.measure("per-frame",
                authorsRun().normalization(LatentNormalization.PER_CHANNEL).build(), "java");
        assertTrue(n.relative().get("x0") > 10 * AuthorsAgreement.STAGE_TOLERANCE, n.table());
        AuthorsAgreement.Agreement t = AuthorsAgreement.measure("per-frame", authorsRun().sigmaThreshold(2.5).build(),
                "java");
        assertTrue(t.relative().get("x0") < AuthorsAgreement.STAGE_TOLERANCE, t.table());
        assertTrue(t.relative().get("invert_13") > 10 * AuthorsAgreement.STAGE_TOLERANCE, t.table());
    }
}
