package org.videoshop.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.videoshop.kernel.LatentScope;
import org.videoshop.kernel.LatentTensor;
import org.videoshop.kernel.ReferenceKernels;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Mask;
import org.videoshop.tensor.Noise;

/**
 * The nd4j blend by weight runs (an edit's area-averaged mask: 0 or 1 but for its edge): the same values as the
 * reference kernels, in place and into a fourth tensor, with weight 0 giving b exactly; the runs are found again
 * after the weight changes through the scope or from the host; and a soft weight keeps the whole-array passes.
 */
class WeightRunsTest {

    @BeforeAll
    static void needsNd4j() {
        Nd4jTests.requireNd4j();
    }

    /** A disc of radius r moving right by {@code step} pixels a frame, as latent weights (8x area averaging). */
    private static float[] discWeights(LatentShape shape, int radius, int step, long seed) {
        int h = shape.height() * 8;
        int w = shape.width() * 8;
        Random r = new Random(seed);
        int cx = r.nextInt(w);
        int cy = r.nextInt(h);
        float[] px = new float[shape.frames() * h * w];
        for (int t = 0; t < shape.frames(); t++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int dx = x - cx - step * t;
                    int dy = y - cy;
                    px[(t * h + y) * w + x] = dx * dx + dy * dy < radius * radius ? 1f : 0f;
                }
            }
        }
        return new Mask(shape.frames(), h, w, px, 0).latentWeights(shape);
    }

    private static void sameAsReference(float[] a, float[] b, float[] weight, float[] got, String what) {
        float[] want = new float[a.length];
        new ReferenceKernels().blend(a, b, weight, want);
        for (int i = 0; i < want.length; i++) {
            if (weight[i] == 0f) {
                assertEquals(b[i], got[i], 0f, what + ": weight 0 must keep b exactly at " + i);
            } else {
                assertEquals(want[i], got[i], 1e-6 * (1 + Math.abs(want[i])), what + " at " + i);
            }
        }
    }

    @Test
    void anAreaAveragedMaskBlendsByRunsAsTheReferenceDoes() {
        qt().withFixedSeed(71).withExamples(20).forAll(integers().between(1, 3), integers().between(8, 24),
                integers().between(128, 160), longs().all()).checkAssert((frames, height, width, seed) -> {
                    LatentShape shape = new LatentShape(frames, 4, height, width);
                    float[] weight = discWeights(shape, height * 8 / 3, 3, seed);
                    assertNotNull(WeightRuns.of(FloatBuffer.wrap(weight), weight.length), "runs of the mask");
                    float[] a = Noise.gaussian(shape.size(), seed + 1);
                    float[] b = Noise.gaussian(shape.size(), seed + 2);
                    try (Nd4jKernels kernels = new Nd4jKernels(); LatentScope scope = kernels.openScope()) {
                        LatentTensor at = scope.upload(a);
                        LatentTensor bt = scope.upload(b);
                        LatentTensor wt = scope.upload(weight);
                        LatentTensor out = scope.zeros(shape.size());
                        scope.blend(at, bt, wt, out);
                        float[] got = new float[shape.size()];
                        out.copyTo(got);
                        sameAsReference(a, b, weight, got, "into a fourth tensor");
                        scope.blend(at, bt, wt, at);
                        at.copyTo(got);
                        sameAsReference(a, b, weight, got, "in place");
                    }
                });
    }

    @Test
    void theRunsFollowTheWeightWhenItChanges() {
        LatentShape shape = new LatentShape(3, 4, 12, 136);
        float[] first = discWeights(shape, 40, 4, 5);
        float[] second = discWeights(shape, 28, -3, 6);
        float[] a = Noise.gaussian(shape.size(), 7);
        float[] b = Noise.gaussian(shape.size(), 8);
        try (Nd4jKernels kernels = new Nd4jKernels(); LatentScope scope = kernels.openScope()) {
            LatentTensor at = scope.upload(a);
            LatentTensor bt = scope.upload(b);
            LatentTensor wt = scope.upload(first);
            LatentTensor out = scope.zeros(shape.size());
            float[] got = new float[shape.size()];
            scope.blend(at, bt, wt, out);
            out.copyTo(got);
            sameAsReference(a, b, first, got, "first weight");
            wt.copyFrom(second);
            scope.blend(at, bt, wt, out);
            out.copyTo(got);
            sameAsReference(a, b, second, got, "weight changed from the host");
            LatentTensor other = scope.upload(first);
            scope.copy(other, wt);
            scope.blend(at, bt, wt, out);
            out.copyTo(got);
            sameAsReference(a, b, first, got, "weight changed by the scope");
        }
    }

    @Test
    void aMaskTakesTheRunPathAndASoftWeightThePasses() {
        LatentShape svd = new LatentShape(14, 4, 72, 128);
        float[] mask = discWeights(svd, 22 * 8, 24, 3);
        float[] soft = new float[svd.size()];
        for (int i = 0; i < soft.length; i++) {
            soft[i] = (i / 7) % 3 == 0 ? 1f : 0.25f;
        }
        assertNotNull(WeightRuns.of(FloatBuffer.wrap(mask), mask.length), "runs of an area-averaged disc mask");
        assertNull(WeightRuns.of(FloatBuffer.wrap(soft), soft.length), "runs of a soft weight");
    }
}
