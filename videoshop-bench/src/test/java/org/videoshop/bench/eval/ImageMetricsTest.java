package org.videoshop.bench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.videoshop.tensor.Frame;

class ImageMetricsTest {

    private static Frame noiseFrame(int h, int w, long seed) {
        Random r = new Random(seed);
        float[] d = new float[3 * h * w];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextFloat();
        }
        return new Frame(h, w, d);
    }

    private static Frame offset(Frame f, float delta) {
        float[] d = f.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] += delta;
        }
        return new Frame(f.height(), f.width(), d);
    }

    @Test
    void identicalFramesHaveInfinitePsnrAndSsimOne() {
        Frame a = noiseFrame(24, 20, 1);
        assertEquals(Double.POSITIVE_INFINITY, ImageMetrics.psnr(a, a));
        assertEquals(1.0, ImageMetrics.ssim(a, a), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, ImageMetrics.psnr(a, new Frame(24, 20, a.data().clone())));
    }

    @Test
    void alternatingNoiseOfAmplitudeOneTenthIsTwentyDecibels() {
        Frame a = new Frame(16, 16, filled(3 * 16 * 16, 0.5f));
        float[] d = a.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] += (i % 2 == 0 ? 0.1f : -0.1f);
        }
        // MSE = 0.01 (up to float rounding of 0.5 +- 0.1) => 20 dB
        assertEquals(20.0, ImageMetrics.psnr(a, new Frame(16, 16, d)), 1e-4);
    }

    @Test
    void uniformOffsetGivesMinusTwentyLogOfTheOffset() {
        qt().forAll(doubles().between(0.001, 0.4), longs().between(0, 1000)).checkAssert((delta, seed) -> {
            Frame a = offset(new Frame(8, 8, scaled(noiseFrame(8, 8, seed).data(), 0.5f)), 0.05f);
            Frame b = offset(a, (float) (double) delta);
            double expected = -20 * Math.log10(delta);
            assertEquals(expected, ImageMetrics.psnr(a, b), 1e-3);
        });
    }

    @Test
    void maskedPsnrCountsOnlyTheMaskedPixels() {
        Frame a = new Frame(4, 4, filled(48, 0.5f));
        float[] d = a.data().clone();
        boolean[] mask = new boolean[16];
        for (int i = 0; i < 16; i++) {
            mask[i] = i < 8;
        }
        for (int c = 0; c < 3; c++) {
            for (int i = 8; i < 16; i++) {
                d[c * 16 + i] = 0f; // error only outside the mask
            }
        }
        Frame b = new Frame(4, 4, d);
        assertEquals(Double.POSITIVE_INFINITY, ImageMetrics.psnr(a, b, mask));
        boolean[] inverse = new boolean[16];
        for (int i = 0; i < 16; i++) {
            inverse[i] = !mask[i];
        }
        assertEquals(-20 * Math.log10(0.5), ImageMetrics.psnr(a, b, inverse), 1e-9);
        assertTrue(Double.isNaN(ImageMetrics.psnr(a, b, new boolean[16])), "an empty region has no PSNR");
    }

    @Test
    void ssimIsSymmetricBoundedAndFallsWithNoise() {
        qt().forAll(longs().between(0, 1000), doubles().between(0.01, 0.3)).checkAssert((seed, amp) -> {
            Frame a = noiseFrame(16, 16, seed);
            Frame small = perturb(a, amp * 0.25, seed + 1);
            Frame large = perturb(a, amp, seed + 1);
            double s1 = ImageMetrics.ssim(a, small);
            double s2 = ImageMetrics.ssim(a, large);
            assertEquals(s1, ImageMetrics.ssim(small, a), 1e-12);
            assertTrue(s1 <= 1 && s1 >= -1 && s2 <= 1 && s2 >= -1);
            assertTrue(s2 < s1, "more noise, lower SSIM: " + s1 + " vs " + s2);
        });
    }

    @Test
    void ssimOfAConstantShiftOfAFlatImageFollowsTheLuminanceTerm() {
        // flat images: variances and covariance are 0, so SSIM = (2 mx my + C1) / (mx^2 + my^2 + C1)
        Frame a = new Frame(12, 12, filled(3 * 144, 0.4f));
        Frame b = new Frame(12, 12, filled(3 * 144, 0.6f));
        double c1 = 1e-4;
        double expected = (2 * 0.4 * 0.6 + c1) / (0.16 + 0.36 + c1);
        assertEquals(expected, ImageMetrics.ssim(a, b), 1e-6);
    }

    private static Frame perturb(Frame f, double amp, long seed) {
        Random r = new Random(seed);
        float[] d = f.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] += (float) (amp * r.nextGaussian());
        }
        return new Frame(f.height(), f.width(), d);
    }

    private static float[] filled(int n, float v) {
        float[] d = new float[n];
        java.util.Arrays.fill(d, v);
        return d;
    }

    private static float[] scaled(float[] d, float s) {
        for (int i = 0; i < d.length; i++) {
            d[i] *= s;
        }
        return d;
    }

    @Test
    void ssimSplitsIntoWindowsCentredInsideAndOutsideARegion() {
        int w = 64;
        int h = 64;
        Random rng = new Random(5);
        float[] a = new float[3 * w * h];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextFloat();
        }
        float[] b = a.clone();
        boolean[] region = new boolean[w * h];
        for (int y = 17; y < 47; y++) {
            for (int x = 17; x < 47; x++) {
                region[y * w + x] = true;
            }
        }
        for (int c = 0; c < 3; c++) {
            for (int y = 27; y < 37; y++) {
                for (int x = 27; x < 37; x++) {
                    b[c * w * h + y * w + x] = 1 - b[c * w * h + y * w + x];
                }
            }
        }
        ImageMetrics.SsimParts same = ImageMetrics.ssim(new Frame(h, w, a), new Frame(h, w, a), region);
        assertEquals(1.0, same.whole(), 1e-9);
        assertEquals(1.0, same.inside(), 1e-9);
        assertEquals(1.0, same.outside(), 1e-9);
        ImageMetrics.SsimParts parts = ImageMetrics.ssim(new Frame(h, w, a), new Frame(h, w, b), region);
        // windows centred outside the region are at least 5 pixels from the changed block: untouched
        assertEquals(1.0, parts.outside(), 1e-9);
        assertTrue(parts.inside() < 0.9, "inside " + parts.inside());
        assertTrue(parts.whole() > parts.inside() && parts.whole() < 1, "whole " + parts.whole());
        assertEquals(parts.whole(), ImageMetrics.ssim(new Frame(h, w, a), new Frame(h, w, b)), 1e-12);
        assertTrue(Double.isNaN(ImageMetrics.ssim(new Frame(h, w, a), new Frame(h, w, b), null).inside()));
    }
}
