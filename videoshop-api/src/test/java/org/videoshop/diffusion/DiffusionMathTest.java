package org.videoshop.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.videoshop.kernel.ReferenceKernels;

/** Properties of the preconditioning, the Euler steps and the Karras schedule. */
class DiffusionMathTest {

    private final ReferenceKernels kernels = new ReferenceKernels();

    @Test
    void svdCoefficientsMatchTheDesign() {
        double s = 3.7;
        Preconditioning p = Preconditioning.SVD;
        assertEquals(1 / Math.sqrt(s * s + 1), p.cIn(s), 1e-15);
        assertEquals(1 / (s * s + 1), p.cSkip(s), 1e-15);
        assertEquals(-s / Math.sqrt(s * s + 1), p.cOut(s), 1e-15);
        assertEquals(0.25 * Math.log(s), p.cNoise(s), 1e-15);
        assertEquals(s, p.sigmaOfNoise(p.cNoise(s)), 1e-12);
    }

    @Test
    void networkOutputInvertsDenoisedForEveryPrediction() {
        qt().withFixedSeed(31).forAll(integers().between(0, 2), doubles().between(0.01, 20),
                doubles().between(0.002, 700), doubles().between(-5, 5)).checkAssert((kind, sd, sigma, x) -> {
                    Preconditioning p = new Preconditioning(Prediction.values()[kind], sd);
                    double d = 0.3 * x + 0.1;
                    double f = p.networkOutputFor(sigma, x, d);
                    assertEquals(d, p.denoised(sigma, x, f), 1e-9 * Math.max(1, Math.abs(d) * sigma));
                });
    }

    @Test
    void inverseEulerStepUndoesForwardStepForFixedNetworkOutput() {
        qt().withFixedSeed(32).forAll(integers().between(0, 2), doubles().between(0.002, 80),
                doubles().between(0.05, 0.95), longs().all()).checkAssert((kind, sNext, frac, seed) -> {
                    Preconditioning p = new Preconditioning(Prediction.values()[kind], 1.0);
                    float high = (float) (double) sNext;
                    float low = (float) (sNext * frac);
                    Random r = new Random(seed);
                    int n = 1 + r.nextInt(200);
                    float[] x = new float[n];
                    float[] f = new float[n];
                    for (int i = 0; i < n; i++) {
                        x[i] = (float) (r.nextGaussian() * (1 + low));
                        f[i] = (float) r.nextGaussian();
                    }
                    float cSkip = (float) p.cSkip(high);
                    float cOut = (float) p.cOut(high);
                    float[] up = new float[n];
                    kernels.inverseEulerStep(x, f, low, high, cSkip, cOut, up);
                    float[] back = new float[n];
                    kernels.eulerStep(up, f, high, low, cSkip, cOut, back);
                    for (int i = 0; i < n; i++) {
                        double scale = Math.max(1.0, Math.abs(up[i]) + Math.abs(f[i] * cOut));
                        assertEquals(x[i], back[i], 2e-5 * scale, "element " + i);
                    }
                });
    }

    @Test
    void karrasScheduleIsStrictlyDecreasingWithExactEndpointsThenZero() {
        qt().withFixedSeed(33).forAll(integers().between(2, 300), doubles().between(0.0005, 0.1),
                doubles().between(1, 1000), doubles().between(1, 10)).checkAssert((n, min, max, rho) -> {
                    KarrasSchedule k = new KarrasSchedule(n, min, max, rho, 1.0);
                    double[] s = k.fullSigmas();
                    assertEquals(n + 1, s.length);
                    assertEquals(max, s[0]);
                    assertEquals(min, s[n - 1]);
                    assertEquals(0.0, s[n]);
                    for (int i = 0; i < n; i++) {
                        assertTrue(s[i] > s[i + 1], "not decreasing at " + i);
                    }
                });
    }

    @Test
    void strengthKeepsTheLastFloorOfNTimesStrengthSteps() {
        qt().withFixedSeed(34).forAll(integers().between(1, 200), doubles().between(0.001, 1.0))
                .assuming((n, st) -> Math.floor(n * st + 1e-9) >= 1)
                .checkAssert((n, st) -> {
                    KarrasSchedule k = KarrasSchedule.svd(n, st);
                    double[] kept = k.sigmas();
                    double[] full = k.fullSigmas();
                    int steps = (int) Math.floor(n * st + 1e-9);
                    assertEquals(steps, kept.length - 1);
                    assertEquals(steps, k.keptSteps());
                    assertEquals(n, k.steps());
                    for (int i = 0; i < kept.length; i++) {
                        assertEquals(full[n - steps + i], kept[i]);
                    }
                });
    }

    @Test
    void defaultScheduleStartsMidway() {
        double[] s = KarrasSchedule.svd(25, 0.55).sigmas();
        assertEquals(14, s.length, "13 steps and the final 0");
        assertTrue(s[0] < 700 && s[0] > 1, "starts at an intermediate level, found " + s[0]);
    }

    @Test
    void scheduleRejectsBadArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KarrasSchedule.svd(3, 0.2));
        assertTrue(e.getMessage().contains("floor(3 * 0.2)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new KarrasSchedule(10, 1, 0.5, 7, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new KarrasSchedule(0, 0.002, 700, 7, 0.5));
        assertThrows(IllegalArgumentException.class, () -> KarrasSchedule.svd(10, 1.5));
    }
}
