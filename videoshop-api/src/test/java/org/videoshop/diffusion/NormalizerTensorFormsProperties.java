package org.videoshop.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.videoshop.kernel.LatentKernels;
import org.videoshop.kernel.LatentScope;
import org.videoshop.kernel.LatentTensor;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Latents;

/**
 * A normaliser's tensor forms (what the pipeline calls, on a backend's scope) agree with its host forms: the
 * statistics, the normalisation and the rescale, for both built-ins and for a normaliser that implements only the
 * host forms (the interface's defaults copy through the host). Every latent backend runs them (extend this class
 * and return its kernels).
 */
public abstract class NormalizerTensorFormsProperties {

    /** The backend under test. */
    protected abstract LatentKernels kernels();

    private static Latents random(LatentShape shape, long seed) {
        Random r = new Random(seed);
        float[] d = new float[shape.size()];
        for (int i = 0; i < d.length; i++) {
            int c = (i / shape.planeSize()) % shape.channels();
            int t = i / shape.frameSize();
            d[i] = (float) (2 * c - 3 + 0.5 * t + (0.3 + c) * r.nextGaussian());
        }
        return new Latents(shape, d);
    }

    /** The per-channel normaliser seen only through its host forms (the tensor forms are the defaults). */
    private static LatentNormalizer hostOnly(LatentNormalizer n) {
        return new LatentNormalizer() {
            @Override
            public ChannelStats stats(Latents x, int fromFrame, int toFrame) {
                return n.stats(x, fromFrame, toFrame);
            }

            @Override
            public void normalize(Latents x) {
                n.normalize(x);
            }

            @Override
            public void rescaleFirstFrameTo(Latents x, ChannelStats target) {
                n.rescaleFirstFrameTo(x, target);
            }
        };
    }

    private LatentNormalizer[] normalizers() {
        return new LatentNormalizer[] {new ChannelNormalizer(kernels()), new FrameNormalizer(kernels()),
                hostOnly(new ChannelNormalizer(kernels()))};
    }

    private static void near(float[] want, float[] got, String what) {
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-5 * (1 + Math.abs(want[i])), what + " at " + i);
        }
    }

    private static void near(ChannelStats want, ChannelStats got, String what) {
        for (int c = 0; c < want.channels(); c++) {
            assertEquals(want.mean(c), got.mean(c), 1e-6 * (1 + Math.abs(want.mean(c))), what + " mean " + c);
            assertEquals(want.std(c), got.std(c), 1e-6 * (1 + want.std(c)), what + " std " + c);
        }
    }

    @Test
    public void theTensorFormsAgreeWithTheHostForms() {
        qt().withFixedSeed(61).withExamples(30).forAll(integers().between(1, 6), integers().between(1, 4),
                integers().between(1, 7), longs().all()).checkAssert((t, c, hw, seed) -> {
                    LatentShape shape = new LatentShape(t, c, hw, hw + 2);
                    ChannelStats target = new ChannelNormalizer(kernels()).stats(random(shape.withFrames(1),
                            seed + 1), 0, 1);
                    for (LatentNormalizer n : normalizers()) {
                        String name = n.getClass().getSimpleName() + " on " + shape;
                        Latents host = random(shape, seed);
                        try (LatentScope scope = kernels().openScope()) {
                            LatentTensor x = scope.upload(host.data());
                            near(n.stats(host, 0, t), n.stats(scope, x, shape, 0, t), name + " stats");
                            n.normalize(host);
                            n.normalize(scope, x, shape);
                            float[] got = new float[shape.size()];
                            x.copyTo(got);
                            near(host.data(), got, name + " normalize");
                            n.rescaleFirstFrameTo(host, target);
                            n.rescaleFirstFrameTo(scope, x, shape, target);
                            x.copyTo(got);
                            near(host.data(), got, name + " rescale");
                        }
                    }
                });
    }

    /** The per-frame normalisation: every frame to mean 0 and unbiased std 1 over its channels and pixels. */
    @Test
    public void perFrameNormalisationGivesEveryFrameMeanZeroAndUnbiasedStdOne() {
        qt().withFixedSeed(62).withExamples(30).forAll(integers().between(1, 6), integers().between(1, 4),
                integers().between(1, 5), longs().all()).checkAssert((t, c, hw, seed) -> {
                    LatentShape shape = new LatentShape(t, c, hw, hw + 1);
                    try (LatentScope scope = kernels().openScope()) {
                        LatentTensor x = scope.upload(random(shape, seed).data());
                        new FrameNormalizer(kernels()).normalize(scope, x, shape);
                        float[] d = new float[shape.size()];
                        x.copyTo(d);
                        int n = shape.frameSize();
                        for (int f = 0; f < t; f++) {
                            double sum = 0;
                            for (int i = f * n; i < (f + 1) * n; i++) {
                                sum += d[i];
                            }
                            double mean = sum / n;
                            double sq = 0;
                            for (int i = f * n; i < (f + 1) * n; i++) {
                                sq += (d[i] - mean) * (d[i] - mean);
                            }
                            assertEquals(0, mean, 1e-5, "frame " + f + " mean");
                            assertEquals(1, Math.sqrt(sq / (n - 1)), 1e-4, "frame " + f + " unbiased std");
                        }
                    }
                });
    }
}
