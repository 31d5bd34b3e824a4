package org.videoshop.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.videoshop.tensor.LatentShape;

/**
 * The conformance suite every latent backend runs (extend it and return your kernels): each kernel is compared
 * with its formula evaluated in double precision, on random shapes (single frames, odd sizes) and values, with
 * QuickTheories (fixed seed, shrinking on). Also checks in-place operation and length validation.
 */
public abstract class LatentKernelsConformance {

    /** Relative tolerance of float kernels against the double-precision formula. */
    protected static final double TOL = 2e-5;

    /** The backend under test. */
    protected abstract LatentKernels kernels();

    private static Gen<LatentShape> shapes() {
        return integers().between(1, 5).zip(integers().between(1, 6), integers().between(1, 13),
                integers().between(1, 11), LatentShape::new);
    }

    private static float[] randomArray(int n, long seed, double scale) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (scale * r.nextGaussian());
        }
        return a;
    }

    private static void close(double expected, float actual, String what, int i) {
        double tol = TOL * Math.max(1.0, Math.abs(expected));
        if (Math.abs(expected - actual) > tol) {
            throw new AssertionError(what + " at " + i + ": expected " + expected + " but found " + actual);
        }
    }

    private static float sigma(long seed, double lo, double hi) {
        Random r = new Random(seed * 31 + 7);
        return (float) Math.exp(Math.log(lo) + r.nextDouble() * (Math.log(hi) - Math.log(lo)));
    }

    @Test
    void extrapolateMatchesFormula() {
        qt().withFixedSeed(11).forAll(shapes(), longs().all()).checkAssert((shape, seed) -> {
            float[] x0 = randomArray(shape.size(), seed, 1);
            float[] x = randomArray(shape.size(), seed + 1, 3);
            float ratio = sigma(seed, 1.01, 4);
            float cIn = sigma(seed + 2, 0.01, 1);
            float[] out = new float[shape.size()];
            kernels().extrapolate(x0, x, ratio, cIn, out);
            for (int i = 0; i < out.length; i++) {
                close((double) cIn * (x0[i] + (double) ratio * (x[i] - x0[i])), out[i], "extrapolate", i);
            }
        });
    }

    @Test
    void perturbMatchesFormula() {
        qt().withFixedSeed(12).forAll(shapes(), longs().all()).checkAssert((shape, seed) -> {
            float[] x0 = randomArray(shape.size(), seed, 1);
            float[] n = randomArray(shape.size(), seed + 1, 1);
            float amp = sigma(seed, 0.002, 2);
            float cIn = sigma(seed + 2, 0.5, 1);
            float[] out = new float[shape.size()];
            kernels().perturb(x0, n, amp, cIn, out);
            for (int i = 0; i < out.length; i++) {
                close((double) cIn * (x0[i] + (double) amp * n[i]), out[i], "perturb", i);
            }
        });
    }

    @Test
    void scaleWorksInPlace() {
        qt().withFixedSeed(13).forAll(shapes(), longs().all()).checkAssert((shape, seed) -> {
            float[] x = randomArray(shape.size(), seed, 2);
            float[] copy = x.clone();
            float c = sigma(seed, 0.001, 10);
            kernels().scale(x, c, x);
            for (int i = 0; i < x.length; i++) {
                close((double) c * copy[i], x[i], "scale", i);
            }
        });
    }

    @Test
    void eulerStepsMatchFormulas() {
        qt().withFixedSeed(14).forAll(shapes(), longs().all()).checkAssert((shape, seed) -> {
            float[] x = randomArray(shape.size(), seed, 5);
            float[] f = randomArray(shape.size(), seed + 1, 1);
            float s = sigma(seed, 0.01, 50);
            float sNext = s * sigma(seed + 3, 0.1, 0.95);
            float cSkip = 1f / (s * s + 1f);
            float cOut = (float) (-s / Math.sqrt(s * s + 1.0));
            float[] fwd = new float[x.length];
            kernels().eulerStep(x, f, s, sNext, cSkip, cOut, fwd);
            float[] inv = new float[x.length];
            kernels().inverseEulerStep(x, f, sNext, s, cSkip, cOut, inv);
            for (int i = 0; i < x.length; i++) {
                double d = cSkip * (double) x[i] + cOut * (double) f[i];
                close(x[i] + (sNext - (double) s) * (x[i] - d) / s, fwd[i], "eulerStep", i);
                double num = (double) s * x[i] + ((double) sNext - s) * cOut * f[i];
                double den = ((double) sNext - s) * (1 - cSkip) + s;
                close(num / den, inv[i], "inverseEulerStep", i);
            }
        });
    }

    @Test
    void guidanceCombinesPerFrame() {
        qt().withFixedSeed(15).forAll(shapes(), longs().all()).checkAssert((shape, seed) -> {
            float[] c = randomArray(shape.size(), seed, 1);
            float[] u = randomArray(shape.size(), seed + 1, 1);
            float[] g = randomArray(shape.frames(), seed + 2, 2);
            float[] out = u.clone();
            kernels().guidance(c, out, g, shape.frameSize(), out);
            for (int i = 0; i < out.length; i++) {
                int t = i / shape.frameSize();
                close(u[i] + (double) g[t] * (c[i] - u[i]), out[i], "guidance", i);
            }
        });
    }

    @Test
    void channelStatsMatchTwoPassDouble() {
        qt().withFixedSeed(16).forAll(shapes(), longs().all()).checkAssert((shape, seed) -> {
            float[] x = randomArray(shape.size(), seed, 2);
            for (int i = 0; i < x.length; i++) {
                x[i] += 0.5f * ((i / shape.planeSize()) % shape.channels());
            }
            int from = (int) Math.floorMod(seed, shape.frames());
            int to = shape.frames();
            double[] mean = new double[shape.channels()];
            double[] std = new double[shape.channels()];
            kernels().channelStats(x, shape, from, to, mean, std);
            for (int c = 0; c < shape.channels(); c++) {
                double m = 0;
                long n = 0;
                for (int t = from; t < to; t++) {
                    for (int p = 0; p < shape.planeSize(); p++) {
                        m += x[(t * shape.channels() + c) * shape.planeSize() + p];
                        n++;
                    }
                }
                m /= n;
                double v = 0;
                for (int t = from; t < to; t++) {
                    for (int p = 0; p < shape.planeSize(); p++) {
                        double d = x[(t * shape.channels() + c) * shape.planeSize() + p] - m;
                        v += d * d;
                    }
                }
                assertEquals(m, mean[c], 1e-6, "mean of channel " + c);
                assertEquals(Math.sqrt(v / n), std[c], 1e-6, "std of channel " + c);
            }
        });
    }

    @Test
    void affineIsPerChannel() {
        qt().withFixedSeed(17).forAll(shapes(), longs().all()).checkAssert((shape, seed) -> {
            float[] x = randomArray(shape.size(), seed, 2);
            float[] a = randomArray(shape.channels(), seed + 1, 1);
            float[] b = randomArray(shape.channels(), seed + 2, 1);
            float[] out = new float[x.length];
            kernels().affine(x, shape, a, b, out);
            for (int i = 0; i < x.length; i++) {
                int c = (i / shape.planeSize()) % shape.channels();
                close((double) x[i] * a[c] + b[c], out[i], "affine", i);
            }
        });
    }

    @Test
    void blendKeepsAWhereWeightIsOneAndBWhereZero() {
        qt().withFixedSeed(18).forAll(shapes(), longs().all()).checkAssert((shape, seed) -> {
            float[] a = randomArray(shape.size(), seed, 1);
            float[] b = randomArray(shape.size(), seed + 1, 1);
            float[] w = randomArray(shape.size(), seed + 2, 1);
            for (int i = 0; i < w.length; i++) {
                w[i] = i % 3 == 0 ? 0f : (i % 3 == 1 ? 1f : Math.abs(w[i]) % 1f);
            }
            float[] out = new float[a.length];
            kernels().blend(a, b, w, out);
            for (int i = 0; i < out.length; i++) {
                if (w[i] == 0f) {
                    assertEquals(b[i], out[i], 0f, "weight 0 must keep b exactly");
                } else {
                    close(b[i] + (double) w[i] * (a[i] - b[i]), out[i], "blend", i);
                }
            }
        });
    }

    @Test
    void mismatchedLengthsAreRejected() {
        float[] a = new float[6];
        float[] b = new float[5];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> kernels().eulerStep(a, b, 1f, 0.5f, 0.5f, -0.5f, a));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("5"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> kernels().affine(b, new LatentShape(1, 2, 1, 3), new float[2], new float[2], b));
    }
}
