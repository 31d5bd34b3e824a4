package org.videoshop.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.videoshop.kernel.ReferenceKernels;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Latents;

/**
 * What the pipeline relies on of every registered {@link LatentNormalizer} (the built-ins and any on the classpath):
 * the rescale after generation gives frame 0 the target's per-channel statistics; normalising and then rescaling
 * to the source's own frame-0 statistics gives frame 0 back (the edit's round trip when the first frame is not
 * edited); and normalisation removes a global gain and offset of the clip.
 */
class NormalizerPropertiesTest {

    private static Latents random(LatentShape shape, long seed) {
        Random r = new Random(seed);
        float[] d = new float[shape.size()];
        for (int i = 0; i < d.length; i++) {
            int c = (i / shape.planeSize()) % shape.channels();
            int t = i / shape.frameSize();
            d[i] = (float) (c - 1.5 + 0.3 * t + (0.2 + c) * r.nextGaussian());
        }
        return new Latents(shape, d);
    }

    private static LatentNormalizer normalizer(NormalizerProvider p) {
        return Normalizers.create(p.name(), new ReferenceKernels());
    }

    @Test
    void theBuiltInsAreRegisteredUnderTheirNames() {
        assertTrue(Normalizers.names().containsAll(List.of("per-channel", "per-frame")), "found " + Normalizers.names());
        assertTrue(normalizer(Normalizers.provider("PER-CHANNEL")) instanceof ChannelNormalizer);
        assertTrue(normalizer(Normalizers.provider("per-frame")) instanceof FrameNormalizer);
        assertEquals(LatentNormalization.PER_FRAME.providerName(), Normalizers.provider("per-frame").name());
    }

    @Test
    void normalizingThenRescalingToTheSourcesFirstFrameGivesItBack() {
        for (NormalizerProvider p : Normalizers.providers()) {
            LatentNormalizer n = normalizer(p);
            qt().withFixedSeed(51).withExamples(40).forAll(integers().between(1, 5), integers().between(1, 4),
                    integers().between(2, 6), longs().all()).checkAssert((t, c, hw, seed) -> {
                        Latents x = random(new LatentShape(t, c, hw, hw + 1), seed);
                        Latents original = x.copy();
                        ChannelStats first = n.stats(original, 0, 1);
                        n.normalize(x);
                        n.rescaleFirstFrameTo(x, first);
                        Latents frame0 = x.frames(0, 1);
                        Latents want = original.frames(0, 1);
                        for (int i = 0; i < want.data().length; i++) {
                            assertEquals(want.data()[i], frame0.data()[i], 1e-3 * (1 + Math.abs(want.data()[i])),
                                    p.name() + " at " + i);
                        }
                    });
        }
    }

    @Test
    void rescalingGivesFrameZeroTheTargetStatistics() {
        for (NormalizerProvider p : Normalizers.providers()) {
            LatentNormalizer n = normalizer(p);
            qt().withFixedSeed(52).withExamples(40).forAll(integers().between(1, 5), integers().between(1, 4),
                    integers().between(2, 6), longs().all()).checkAssert((t, c, hw, seed) -> {
                        LatentShape shape = new LatentShape(t, c, hw, hw);
                        Latents x = random(shape, seed);
                        ChannelStats want = n.stats(random(shape.withFrames(1), seed + 1), 0, 1);
                        n.rescaleFirstFrameTo(x, want);
                        ChannelStats got = n.stats(x, 0, 1);
                        for (int ch = 0; ch < c; ch++) {
                            assertEquals(want.mean(ch), got.mean(ch), 1e-4 * (1 + Math.abs(want.mean(ch))), p.name());
                            assertEquals(want.std(ch), got.std(ch), 1e-4 * (1 + want.std(ch)), p.name());
                        }
                    });
        }
    }

    @Test
    void normalizationRemovesAGlobalGainAndOffset() {
        for (NormalizerProvider p : Normalizers.providers()) {
            LatentNormalizer n = normalizer(p);
            qt().withFixedSeed(53).withExamples(40).forAll(integers().between(1, 5), doubles().between(0.1, 10),
                    doubles().between(-5, 5), longs().all())
                    .checkAssert((t, gain, offset, seed) -> {
                        Latents a = random(new LatentShape(t, 1 + (int) Math.floorMod(seed, 4L), 3, 4), seed);
                        Latents b = a.copy();
                        float[] d = b.data();
                        for (int i = 0; i < d.length; i++) {
                            d[i] = (float) (gain * d[i] + offset);
                        }
                        n.normalize(a);
                        n.normalize(b);
                        for (int i = 0; i < d.length; i++) {
                            assertEquals(a.data()[i], b.data()[i], 1e-3 * (1 + Math.abs(a.data()[i])),
                                    p.name() + " at " + i);
                        }
                    });
        }
    }
}
