package org.videoshop.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.videoshop.kernel.ReferenceKernels;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Latents;

/** Normalisation round trip and the affine rescale, as properties. */
class ChannelNormalizerTest {

    private final ChannelNormalizer normalizer = new ChannelNormalizer(new ReferenceKernels());

    private static Latents random(LatentShape shape, long seed) {
        Random r = new Random(seed);
        float[] d = new float[shape.size()];
        for (int i = 0; i < d.length; i++) {
            int c = (i / shape.planeSize()) % shape.channels();
            d[i] = (float) (c - 1.5 + (0.2 + c) * r.nextGaussian());
        }
        return new Latents(shape, d);
    }

    @Test
    void normalizeThenDenormalizeIsIdentity() {
        qt().withFixedSeed(41).forAll(integers().between(1, 6), integers().between(1, 5), integers().between(2, 9),
                longs().all()).checkAssert((t, c, hw, seed) -> {
                    Latents x = random(new LatentShape(t, c, hw, hw + 1), seed);
                    Latents original = x.copy();
                    ChannelStats stats = normalizer.normalizeReturningStats(x);
                    ChannelStats after = normalizer.stats(x, 0, t);
                    for (int ch = 0; ch < c; ch++) {
                        assertEquals(0, after.mean(ch), 1e-5);
                        assertEquals(1, after.std(ch), 1e-4);
                    }
                    normalizer.denormalize(x, stats);
                    for (int i = 0; i < x.data().length; i++) {
                        assertEquals(original.data()[i], x.data()[i], 1e-4 * (1 + Math.abs(original.data()[i])));
                    }
                });
    }

    @Test
    void rescaleGivesFrameZeroTheTargetStatistics() {
        qt().withFixedSeed(42).forAll(integers().between(1, 6), integers().between(1, 5), integers().between(2, 9),
                longs().all()).checkAssert((t, c, hw, seed) -> {
                    LatentShape shape = new LatentShape(t, c, hw, hw);
                    Latents x = random(shape, seed);
                    Latents target = random(shape.withFrames(1), seed + 1);
                    ChannelStats want = normalizer.stats(target, 0, 1);
                    normalizer.rescaleFirstFrameTo(x, want);
                    ChannelStats got = normalizer.stats(x, 0, 1);
                    for (int ch = 0; ch < c; ch++) {
                        assertEquals(want.mean(ch), got.mean(ch), 1e-4 * (1 + Math.abs(want.mean(ch))));
                        assertEquals(want.std(ch), got.std(ch), 1e-4 * (1 + want.std(ch)));
                    }
                });
    }
}
