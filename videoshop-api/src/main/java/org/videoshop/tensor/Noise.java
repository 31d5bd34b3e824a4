package org.videoshop.tensor;

import java.util.Random;

/** Seeded Gaussian noise: the one generator the pipeline, the benchmarks and the tests draw from. */
public final class Noise {

    private Noise() {
    }

    /**
     * {@code n} standard normal floats from a {@link Random} seeded with {@code seed} (its Gaussian algorithm is
     * fixed by the JDK's specification, so equal seeds give equal noise on every JVM). A new array, the caller's.
     */
    public static float[] gaussian(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("Expected a non-negative count of noise values but found " + n);
        }
        Random r = new Random(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) r.nextGaussian();
        }
        return out;
    }
}
