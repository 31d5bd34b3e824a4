package org.videoshop.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Images;
import org.videoshop.tensor.Video;

/** Detail mode's pieces: the composite copies the source where the region is 0; the region finds a local change. */
class DetailCompositeTest {

    @Test
    void whereTheRegionIsZeroTheSourceIsCopiedBitForBit() {
        qt().withFixedSeed(5).withExamples(40).forAll(longs().all(), integers().between(1, 60),
                integers().between(1, 40)).checkAssert((seed, width, height) -> {
            Random r = new Random(seed);
            BufferedImage source = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    source.setRGB(x, y, r.nextInt(1 << 24));
                }
            }
            int w = 1 + r.nextInt(12);
            int h = 1 + r.nextInt(12);
            float[] difference = new float[3 * w * h];
            for (int i = 0; i < difference.length; i++) {
                difference[i] = (float) r.nextGaussian() * 0.3f;
            }
            float[] weights = new float[width * height];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = r.nextBoolean() ? 0f : r.nextFloat();
            }
            BufferedImage out = DetailComposite.apply(source, difference, w, h, weights);
            int[] s = source.getRGB(0, 0, width, height, null, 0, width);
            int[] o = out.getRGB(0, 0, width, height, null, 0, width);
            for (int i = 0; i < s.length; i++) {
                if (weights[i] == 0f) {
                    assertEquals(s[i], o[i], "pixel " + i);
                }
            }
        });
    }

    @Test
    void aLocalChangeGivesARegionAroundItAndNothingFarAway() {
        int w = 40;
        int h = 24;
        int frames = 4;
        int plane = w * h;
        Random r = new Random(3);
        float[] d = new float[frames * 3 * plane];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) r.nextGaussian() * 0.005f; // what the model moves everywhere
        }
        for (int t = 0; t < frames; t++) {
            for (int y = 4; y < 10; y++) {
                for (int x = 5 + t; x < 13 + t; x++) {
                    d[t * 3 * plane + y * w + x] = 0.4f; // the edit, moving right
                }
            }
        }
        float[] change = new float[3 * plane];
        for (int y = 4; y < 10; y++) {
            for (int x = 5; x < 13; x++) {
                change[y * w + x] = 0.4f;
            }
        }
        float[] m = EditRegion.weights(new Video(frames, h, w, d), change);
        for (int t = 0; t < frames; t++) {
            assertEquals(1f, m[t * plane + 7 * w + 9 + t], 1e-6, "inside the edit");
            assertEquals(0f, m[t * plane + 20 * w + 35], "far from it, exactly 0");
        }
        float[] global = new float[3 * plane];
        java.util.Arrays.fill(global, 0.3f);
        float[] all = EditRegion.weights(new Video(frames, h, w, d), global);
        for (float v : all) {
            assertEquals(1f, v, "a change over the whole frame is a global edit: the region is everything");
        }
    }

    @Test
    void theDifferenceLosesAGlobalShiftThatTheFirstFrameDoesNotAskFor() {
        int w = 8;
        int h = 6;
        Random r = new Random(9);
        float[] rec = new float[2 * 3 * w * h];
        for (int i = 0; i < rec.length; i++) {
            rec[i] = r.nextFloat();
        }
        float[] edit = new float[rec.length];
        for (int i = 0; i < edit.length; i++) {
            edit[i] = 0.9f * rec[i] + 0.08f; // the whole clip shifted, no edit asked for
        }
        Video rv = new Video(2, h, w, rec);
        Frame source0 = rv.frame(0);
        Video d = DetailDifference.of(new Video(2, h, w, edit), rv, source0, source0);
        for (float v : d.data()) {
            assertEquals(0f, v, 1e-5f);
        }
        assertTrue(Images.toImage(source0).getWidth() == w);
    }
}
