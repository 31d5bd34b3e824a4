package org.videoshop.nd4j;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * The runs of a blend weight by kind (exactly 0, exactly 1, or between), found once per weight tensor (an edit's
 * mask is uploaded once per window and blended with at every step) so that each step's blend does only the work
 * the weight asks for, in one pass over host memory (ND4J's native buffer on CPU, read and written through direct
 * buffer views, no copy): a run of 0 copies b (one bulk memory copy), a run of 1 keeps a (nothing in place, a copy
 * otherwise), and only the weights between 0 and 1 compute {@code b + w (a - b)}, element by element, as
 * {@link org.videoshop.kernel.ReferenceKernels} does. An area-averaged mask is 0 or 1 but for its edge, so this is
 * one pass over the 0 runs plus a few scalar edges; a soft weight has many short runs, for which the scalar loop
 * would be slower than ND4J's three whole-array passes: {@link #of} then answers null and the scope keeps the
 * passes. Immutable.
 */
final class WeightRuns {

    private static final byte ZERO = 0;
    private static final byte ONE = 1;
    private static final byte BETWEEN = 2;

    /**
     * Estimated cost units of the run path, against {@link #PASS_COST} per float for ND4J's passes (measured on the
     * 2-vCPU EPYC at SVD latent size, one thread: about 10 ns per run, 1 ns per weight between 0 and 1, 0.12 ns per
     * copied float; the three passes take about 0.55 ns per float). The run path is taken where it is estimated at
     * under 0.8 of the passes' time.
     */
    private static final double RUN_COST = 10;
    private static final double BETWEEN_COST = 1;
    private static final double COPY_COST = 0.12;
    private static final double PASS_COST = 0.55 * 0.8;

    private final int[] starts;
    private final byte[] kinds;

    private WeightRuns(int[] starts, byte[] kinds) {
        this.starts = starts;
        this.kinds = kinds;
    }

    private static byte kind(float w) {
        return w == 0f ? ZERO : w == 1f ? ONE : BETWEEN;
    }

    /**
     * The runs of the first {@code n} weights, or null when they are too many or too soft for the run path to beat
     * the whole-array passes (the scan stops as soon as that is certain).
     */
    static WeightRuns of(FloatBuffer w, int n) {
        double budget = PASS_COST * n;
        int[] starts = new int[64];
        byte[] kinds = new byte[64];
        int runs = 0;
        double cost = 0;
        int i = 0;
        while (i < n) {
            byte k = kind(w.get(i));
            int j = i + 1;
            while (j < n && kind(w.get(j)) == k) {
                j++;
            }
            cost += RUN_COST + (k == BETWEEN ? BETWEEN_COST : COPY_COST) * (j - i);
            if (cost > budget) {
                return null;
            }
            if (runs + 1 >= starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
                kinds = Arrays.copyOf(kinds, kinds.length * 2);
            }
            starts[runs] = i;
            kinds[runs] = k;
            runs++;
            i = j;
        }
        starts[runs] = n;
        return new WeightRuns(Arrays.copyOf(starts, runs + 1), Arrays.copyOf(kinds, runs));
    }

    /** out = b + w (a - b) by runs; {@code out} may be {@code a}, never {@code b} or {@code w}. */
    void blend(FloatBuffer a, FloatBuffer b, FloatBuffer w, FloatBuffer out, boolean inPlace) {
        for (int r = 0; r < kinds.length; r++) {
            int from = starts[r];
            int length = starts[r + 1] - from;
            switch (kinds[r]) {
                case ZERO -> out.put(from, b, from, length);
                case ONE -> {
                    if (!inPlace) {
                        out.put(from, a, from, length);
                    }
                }
                default -> {
                    for (int i = from; i < from + length; i++) {
                        float y = b.get(i);
                        out.put(i, y + w.get(i) * (a.get(i) - y));
                    }
                }
            }
        }
    }

    /** Number of runs (for tests). */
    int runs() {
        return kinds.length;
    }
}
