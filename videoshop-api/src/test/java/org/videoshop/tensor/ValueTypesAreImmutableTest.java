package org.videoshop.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.videoshop.InvertedClip;
import org.videoshop.diffusion.ChannelStats;
import org.videoshop.model.Conditioning;

/**
 * The array-holding value types keep their own copies: changing the array a value was made from, or the array an
 * accessor returned, leaves the value (and its equality and hash) as it was.
 */
class ValueTypesAreImmutableTest {

    private static float[] values(int n, long seed) {
        Random r = new Random(seed);
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = r.nextFloat();
        }
        return d;
    }

    @Test
    void aFrameKeepsItsValuesWhateverTheCallerDoesWithTheArrays() {
        qt().withExamples(30).forAll(integers().between(1, 9), integers().between(1, 9), integers().all())
                .checkAssert((h, w, seed) -> {
                    float[] given = values(3 * h * w, seed);
                    float[] expected = given.clone();
                    Frame f = new Frame(h, w, given);
                    Frame same = new Frame(h, w, expected.clone());
                    given[0] += 1f;
                    float[] read = f.data();
                    read[read.length - 1] += 1f;
                    assertArrayEquals(expected, f.data());
                    assertNotSame(f.data(), f.data());
                    assertEquals(same, f);
                    assertEquals(same.hashCode(), f.hashCode());
                });
    }

    @Test
    void aVideoKeepsItsValuesAndItsFramesAreCopies() {
        qt().withExamples(30).forAll(integers().between(1, 5), integers().between(1, 6), integers().all())
                .checkAssert((frames, side, seed) -> {
                    float[] given = values(3 * frames * side * side, seed);
                    float[] expected = given.clone();
                    Video v = new Video(frames, side, side, given);
                    given[given.length / 2] = -5f;
                    v.data()[0] = -5f;
                    float[] first = v.frame(0).data();
                    first[0] = -5f;
                    assertArrayEquals(expected, v.data());
                    assertEquals(new Video(frames, side, side, expected), v);
                });
    }

    @Test
    void aVideoStackedFromFramesDoesNotFollowThem() {
        float[] a = values(12, 1);
        Frame f = new Frame(2, 2, a);
        Video v = Video.of(List.of(f, f));
        a[0] = 9f;
        assertArrayEquals(f.data(), v.frame(1).data());
        assertNotEquals(9f, v.data()[0]);
    }

    @Test
    void aMaskKeepsItsWeights() {
        float[] given = values(2 * 3 * 4, 7);
        float[] expected = given.clone();
        Mask m = new Mask(2, 3, 4, given, 1);
        given[5] = 0f;
        m.data()[6] = 0f;
        m.plane(1)[0] = 0f;
        assertArrayEquals(expected, m.data());
        assertEquals(new Mask(2, 3, 4, expected, 1), m);
        assertNotEquals(new Mask(2, 3, 4, expected, 2), m, "the feather is part of the value");
    }

    @Test
    void statsAndConditioningKeepTheirArrays() {
        double[] mean = {0.5, -1};
        double[] std = {1, 2};
        ChannelStats s = new ChannelStats(mean, std);
        mean[0] = 7;
        s.std()[1] = 7;
        assertEquals(0.5, s.mean(0));
        assertEquals(2, s.std(1));
        float[] embedding = {1, 2, 3};
        Conditioning c = new Conditioning(embedding, new float[] {4, 5}, 7, 127, 0.02);
        embedding[0] = 0;
        c.latents()[0] = 0;
        assertArrayEquals(new float[] {1, 2, 3}, c.embedding());
        assertArrayEquals(new float[] {4, 5}, c.latents());
    }

    @Test
    void anInversionKeepsItsTrajectory() {
        LatentShape shape = new LatentShape(1, 4, 2, 2);
        float[] start = values(shape.size(), 3);
        float[] x0 = values(shape.size(), 4);
        double[] sigmas = {2, 0};
        InvertedClip c = new InvertedClip("m", "1", org.videoshop.VideoshopOptions.defaults(),
                new Video(1, 4, 4, values(48, 5)), shape, sigmas, List.of(start, x0), true, null);
        InvertedClip same = new InvertedClip("m", "1", org.videoshop.VideoshopOptions.defaults(),
                new Video(1, 4, 4, values(48, 5)), shape, sigmas.clone(), List.of(start.clone(), x0.clone()), true,
                null);
        start[0] = 99f;
        sigmas[0] = 99;
        c.start()[1] = 99f;
        c.level(1)[0] = 99f;
        c.trajectory().get(1)[2] = 99f;
        assertEquals(same, c);
        assertEquals(same.hashCode(), c.hashCode());
        assertArrayEquals(same.start(), c.start());
    }

    @Test
    void latentsAreADocumentedWorkingBufferSharedWithTheirCreator() {
        // Not a value type: the normalisers update latents in place, so the buffer is shared (see Latents).
        float[] data = new float[new LatentShape(1, 4, 2, 2).size()];
        Latents x = new Latents(new LatentShape(1, 4, 2, 2), data);
        data[0] = 3f;
        assertEquals(3f, x.data()[0]);
        Latents copy = x.copy();
        data[0] = 4f;
        assertEquals(3f, copy.data()[0], "a copy is independent");
    }
}
