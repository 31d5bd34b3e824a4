package org.videoshop.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;
import org.videoshop.VideoshopOptions;
import org.videoshop.model.ModelSpec;

/** The two built-in schedules, and that the options choose between them through {@link InversionSchedule}. */
class SigmaSpacingTest {

    @Test
    void exponentialLevelsHaveOneRatioExactEndpointsThenZero() {
        qt().withFixedSeed(41).forAll(integers().between(3, 300), doubles().between(0.0005, 0.1),
                doubles().between(1, 1000)).checkAssert((n, min, max) -> {
                    double[] s = new ExponentialSchedule(n, min, max, 1.0).fullSigmas();
                    assertEquals(n + 1, s.length);
                    assertEquals(max, s[0]);
                    assertEquals(min, s[n - 1]);
                    assertEquals(0.0, s[n]);
                    double ratio = Math.pow(min / max, 1.0 / (n - 1));
                    for (int i = 0; i + 1 < n; i++) {
                        assertEquals(ratio, s[i + 1] / s[i], 1e-9, "evenly spaced in log sigma at " + i);
                    }
                });
    }

    @Test
    void karrasApproachesExponentialAsRhoGrows() {
        double[] exponential = new ExponentialSchedule(25, 0.002, 700, 1.0).fullSigmas();
        double previous = Double.MAX_VALUE;
        for (double rho : new double[] {7, 70, 700, 7000}) {
            double[] karras = new KarrasSchedule(25, 0.002, 700, rho, 1.0).fullSigmas();
            double worst = 0;
            for (int i = 0; i < 25; i++) {
                worst = Math.max(worst, Math.abs(Math.log(karras[i] / exponential[i])));
            }
            assertTrue(worst < previous, "rho " + rho + ": log distance " + worst + " not below " + previous);
            previous = worst;
        }
        assertTrue(previous < 0.01, "at rho 7000 the schedules agree within 1% but found " + previous);
    }

    @Test
    void exponentialSpendsMoreStepsAtHighNoiseThanKarras() {
        double[] karras = new KarrasSchedule(25, 0.002, 700, 7, 1.0).fullSigmas();
        double[] exponential = new ExponentialSchedule(25, 0.002, 700, 1.0).fullSigmas();
        for (int i = 1; i < 24; i++) {
            assertTrue(exponential[i] < karras[i], "level " + i + ": " + exponential[i] + " vs " + karras[i]);
        }
    }

    @Test
    void bothKeepTheLastFloorOfNTimesStrengthSteps() {
        qt().withFixedSeed(42).forAll(integers().between(1, 200), doubles().between(0.001, 1.0))
                .assuming((n, st) -> Math.floor(n * st + 1e-9) >= 1)
                .checkAssert((n, st) -> {
                    ExponentialSchedule e = new ExponentialSchedule(n, 0.002, 700, st);
                    KarrasSchedule k = KarrasSchedule.svd(n, st);
                    int kept = (int) Math.floor(n * st + 1e-9);
                    assertEquals(kept, e.keptSteps());
                    assertEquals(kept, e.sigmas().length - 1);
                    assertEquals(k.keptSteps(), e.keptSteps());
                    double[] full = e.fullSigmas();
                    double[] s = e.sigmas();
                    for (int i = 0; i < s.length; i++) {
                        assertEquals(full[n - kept + i], s[i]);
                    }
                });
    }

    @Test
    void theOptionsChooseTheScheduleWithTheModelsRange() {
        ModelSpec spec = new ModelSpec("svd", "v", 4, 8, 0.18215, true, 14, 25, 1024, 576, Preconditioning.SVD,
                0.002, 700, 7, 7, 127, 0.02, 1024, 64);
        InversionSchedule karras = VideoshopOptions.defaults().schedule(spec);
        InversionSchedule exponential = VideoshopOptions.builder().sigmaSpacing(SigmaSpacing.EXPONENTIAL).build()
                .schedule(spec);
        assertInstanceOf(KarrasSchedule.class, karras, "Karras is the default");
        assertEquals(new ExponentialSchedule(25, spec.sigmaMin(), spec.sigmaMax(), 0.55), exponential);
        assertEquals(karras.keptSteps(), exponential.keptSteps());
        assertTrue(exponential.startSigma() < karras.startSigma(),
                "the same strength starts lower on the exponential spacing");
        assertArrayEquals(new KarrasSchedule(25, spec.sigmaMin(), spec.sigmaMax(), spec.rho(), 0.55).sigmas(),
                karras.sigmas());
    }

    @Test
    void badArgumentsAreRefusedNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExponentialSchedule(3, 0.002, 700, 0.2));
        assertTrue(e.getMessage().contains("floor(3 * 0.2)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ExponentialSchedule(10, 1, 0.5, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new ExponentialSchedule(0, 0.002, 700, 0.5));
        e = assertThrows(IllegalArgumentException.class,
                () -> VideoshopOptions.builder().sigmaSpacing((String) null).build());
        assertTrue(e.getMessage().contains("Expected sigmaSpacing to name a schedule found on the classpath, one of"
                + " karras, exponential, but found null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> VideoshopOptions.builder().sigmaSpacing("cosine").build());
        assertTrue(e.getMessage().contains("one of karras, exponential, but found 'cosine'"), e.getMessage());
    }
}
