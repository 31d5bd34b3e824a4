package org.videoshop.nd4j;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.videoshop.onnx.authors.AuthorsAgreement;

/**
 * The Java pipeline on the nd4j backend edits the authors'-code fixture (videoshop-onnx's test resource
 * authors/svd-tiny) as the authors' code does, every stage within fp32 tolerance (see AuthorsAgreementTest).
 */
class AuthorsAgreementNd4jTest {

    @BeforeAll
    static void needsNd4j() {
        Nd4jTests.requireNd4j();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"per-frame", "per-channel"})
    void theNd4jEditAgreesWithTheAuthorsCodeAtEveryStage(String reference) {
        AuthorsAgreement.assertAgrees(reference, "nd4j");
    }
}
