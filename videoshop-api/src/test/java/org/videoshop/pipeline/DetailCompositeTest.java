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

/** Detail mode's pieces: the composite copies the source where the region is 0 and blends in the regeneration. */
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
    void fullRegenerationInAFullRegionIsTheUpsampledEdit() {
        int w = 4;
        int h = 3;
        Random r = new Random(11);
        BufferedImage source = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 8; x++) {
                source.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        float[] rec = new float[3 * w * h];
        float[] diff = new float[rec.length];
        for (int i = 0; i < rec.length; i++) {
            rec[i] = 0.2f + 0.5f * r.nextFloat();
            diff[i] = 0.2f * (r.nextFloat() - 0.5f);
        }
        float[] ones = new float[48];
        java.util.Arrays.fill(ones, 1f);
        BufferedImage out = DetailComposite.apply(source, diff, rec, 1f, w, h, ones);
        float[] edit = new float[rec.length];
        for (int i = 0; i < edit.length; i++) {
            edit[i] = rec[i] + diff[i];
        }
        BufferedImage expected = Images.toImage(Images.resize(new Frame(h, w, edit), 8, 6));
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 8; x++) {
                int o = out.getRGB(x, y);
                int e = expected.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    assertTrue(Math.abs(((o >> shift) & 0xff) - ((e >> shift) & 0xff)) <= 1, "pixel " + x + "," + y);
                }
            }
        }
        BufferedImage kept = DetailComposite.apply(source, diff, rec, 0f, w, h, new float[48]);
        assertTrue(java.util.Arrays.equals(Images.rgb(source), Images.rgb(kept)), "a zero region keeps the source");
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
