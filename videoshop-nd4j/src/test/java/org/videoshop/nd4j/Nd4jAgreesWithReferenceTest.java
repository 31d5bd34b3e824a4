package org.videoshop.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.videoshop.kernel.LatentKernels;
import org.videoshop.kernel.ReferenceKernels;
import org.videoshop.tensor.LatentShape;

/**
 * ND4J kernels against the reference kernels on random shapes (single frames, odd sizes, up to SVD-like planes)
 * and values, every kernel, out-of-place and in place.
 */
class Nd4jAgreesWithReferenceTest {

    private static final double TOL = 1e-5;
    private static final LatentKernels REF = new ReferenceKernels();
    private final Nd4jKernels nd4j = Nd4jTests.kernels();

    /** Frames 1..6, channels 1..8, odd and even plane sides, occasionally a large plane. */
    private static Gen<LatentShape> shapes() {
        return integers().between(1, 6).zip(integers().between(1, 8), integers().between(1, 37),
                integers().between(1, 53), LatentShape::new);
    }

    private static float[] random(int n, long seed, double scale) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (scale * r.nextGaussian());
        }
        return a;
    }

    private static void agree(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            double tol = TOL * Math.max(1.0, Math.abs(expected[i]));
            if (Math.abs(expected[i] - actual[i]) > tol) {
                throw new AssertionError(what + " at " + i + " of " + expected.length + ": expected "
                        + expected[i] + " (java) but found " + actual[i] + " (nd4j)");
            }
        }
    }

    @Test
    void elementwiseKernelsAgreeOutOfPlaceAndInPlace() {
        qt().withFixedSeed(101).withExamples(60).forAll(shapes(), longs().all()).checkAssert((shape, seed) -> {
            int n = shape.size();
            float[] x0 = random(n, seed, 1);
            float[] x = random(n, seed + 1, 4);
            float[] f = random(n, seed + 2, 1);
            Random r = new Random(seed);
            float ratio = 1f + 3f * r.nextFloat();
            float c = 0.01f + r.nextFloat();
            float s = 0.01f + 50f * r.nextFloat();
            float sNext = s * (0.1f + 0.8f * r.nextFloat());
            float cSkip = 1f / (s * s + 1f);
            float cOut = (float) (-s / Math.sqrt(s * s + 1.0));
            for (String k : new String[] {"extrapolate", "perturb", "scale", "eulerStep", "inverseEulerStep"}) {
                float[] want = new float[n];
                float[] got = new float[n];
                apply(REF, k, x0, x, f, ratio, c, s, sNext, cSkip, cOut, want);
                apply(nd4j, k, x0, x, f, ratio, c, s, sNext, cSkip, cOut, got);
                agree(want, got, k);
                float[] inPlace = x.clone();
                apply(nd4j, k, x0, inPlace, f, ratio, c, s, sNext, cSkip, cOut, inPlace);
                agree(want, inPlace, k + " in place");
            }
        });
    }

    private static void apply(LatentKernels k, String which, float[] x0, float[] x, float[] f, float ratio, float c,
                              float s, float sNext, float cSkip, float cOut, float[] out) {
        switch (which) {
            case "extrapolate" -> k.extrapolate(x0, x, ratio, c, out);
            case "perturb" -> k.perturb(x0, x, ratio, c, out);
            case "scale" -> k.scale(x, c, out);
            case "eulerStep" -> k.eulerStep(x, f, s, sNext, cSkip, cOut, out);
            case "inverseEulerStep" -> k.inverseEulerStep(x, f, sNext, s, cSkip, cOut, out);
            default -> throw new IllegalArgumentException(which);
        }
    }

    @Test
    void guidanceAgreesPerFrame() {
        qt().withFixedSeed(102).withExamples(60).forAll(shapes(), longs().all()).checkAssert((shape, seed) -> {
            float[] c = random(shape.size(), seed, 1);
            float[] u = random(shape.size(), seed + 1, 1);
            float[] g = random(shape.frames(), seed + 2, 3);
            float[] want = new float[shape.size()];
            REF.guidance(c, u, g, shape.frameSize(), want);
            float[] got = u.clone();
            nd4j.guidance(c, got, g, shape.frameSize(), got);
            agree(want, got, "guidance");
        });
    }

    @Test
    void channelStatsAndAffineAgree() {
        qt().withFixedSeed(103).withExamples(60).forAll(shapes(), longs().all()).checkAssert((shape, seed) -> {
            float[] x = random(shape.size(), seed, 2);
            for (int i = 0; i < x.length; i++) {
                x[i] += (i / shape.planeSize()) % shape.channels() - 1.5f;
            }
            int from = Math.floorMod(seed, shape.frames());
            int to = from + 1 + Math.floorMod(seed >>> 8, shape.frames() - from);
            int ch = shape.channels();
            double[] wm = new double[ch];
            double[] ws = new double[ch];
            double[] gm = new double[ch];
            double[] gs = new double[ch];
            REF.channelStats(x, shape, from, to, wm, ws);
            nd4j.channelStats(x, shape, from, to, gm, gs);
            for (int c = 0; c < ch; c++) {
                assertEquals(wm[c], gm[c], 1e-9 * Math.max(1, Math.abs(wm[c])), "mean of channel " + c);
                assertEquals(ws[c], gs[c], 1e-9 * Math.max(1, ws[c]), "std of channel " + c);
            }
            float[] a = random(ch, seed + 3, 1);
            float[] b = random(ch, seed + 4, 1);
            float[] want = new float[x.length];
            REF.affine(x, shape, a, b, want);
            float[] got = x.clone();
            nd4j.affine(got, shape, a, b, got);
            agree(want, got, "affine");
        });
    }

    @Test
    void svdSizedSingleCallsAgree() {
        LatentShape svd = new LatentShape(14, 4, 72, 128);
        float[] x = random(svd.size(), 1, 1);
        float[] f = random(svd.size(), 2, 1);
        float[] want = new float[svd.size()];
        float[] got = new float[svd.size()];
        REF.eulerStep(x, f, 3f, 2f, 0.1f, -0.95f, want);
        nd4j.eulerStep(x, f, 3f, 2f, 0.1f, -0.95f, got);
        agree(want, got, "eulerStep at SVD size");
        float[] g = random(14, 3, 2);
        REF.guidance(x, f, g, svd.frameSize(), want);
        nd4j.guidance(x, f, g, svd.frameSize(), got);
        agree(want, got, "guidance at SVD size");
    }
}
