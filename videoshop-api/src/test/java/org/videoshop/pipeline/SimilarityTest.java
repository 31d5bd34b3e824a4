package org.videoshop.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import org.junit.jupiter.api.Test;

/** The region tracker's transforms: composing with the inverse is the identity; extrapolation repeats the step. */
class SimilarityTest {

    static Similarity of(double scale, double angle, double tx, double ty) {
        return new Similarity(scale * Math.cos(angle), scale * Math.sin(angle), tx, ty);
    }

    @Test
    void aTransformThenItsInverseIsTheIdentity() {
        qt().withFixedSeed(3).forAll(doubles().between(0.5, 2), doubles().between(-3, 3), doubles().between(-50, 50),
                doubles().between(-50, 50)).checkAssert((k, a, tx, ty) -> {
                    Similarity m = of(k, a, tx, ty);
                    Similarity id = m.then(m.inverse());
                    assertEquals(1, id.c(), 1e-9);
                    assertEquals(0, id.s(), 1e-9);
                    assertEquals(0, id.tx(), 1e-7);
                    assertEquals(0, id.ty(), 1e-7);
                    assertEquals(k, m.scale(), 1e-9);
                    assertEquals(17.0, m.inverse().x(m.x(17, -4), m.y(17, -4)), 1e-7);
                });
    }

    @Test
    void powersRepeatTheTransformAndHalvesMakeItWhole() {
        qt().withFixedSeed(5).forAll(doubles().between(0.8, 1.25), doubles().between(-0.5, 0.5),
                doubles().between(-20, 20), doubles().between(-20, 20)).checkAssert((k, a, tx, ty) -> {
                    Similarity m = of(k, a, tx, ty);
                    Similarity twice = m.then(m);
                    Similarity half = m.power(0.5);
                    Similarity whole = half.then(half);
                    for (Similarity[] pair : new Similarity[][] {{twice, m.power(2)}, {m, whole},
                            {Similarity.IDENTITY, m.power(0)}, {m.inverse(), m.power(-1)}}) {
                        assertEquals(pair[0].x(13, -6), pair[1].x(13, -6), 1e-7);
                        assertEquals(pair[0].y(13, -6), pair[1].y(13, -6), 1e-7);
                        assertEquals(pair[0].scale(), pair[1].scale(), 1e-9);
                    }
                });
    }

    @Test
    void extrapolationRepeatsTheLastStep() {
        Similarity step = of(1.01, 0.02, 3, -1);
        Similarity previous = of(0.98, -0.1, 10, 20);
        Similarity now = previous.then(step);
        Similarity next = now.extrapolated(previous);
        Similarity expected = now.then(step);
        assertEquals(expected.x(5, 7), next.x(5, 7), 1e-9);
        assertEquals(expected.y(5, 7), next.y(5, 7), 1e-9);
        assertEquals(expected.scale(), next.scale(), 1e-12);
    }
}
