package org.videoshop.bench.eval;

import java.util.ArrayList;
import java.util.List;
import org.videoshop.LatentObserver;
import org.videoshop.Stage;
import org.videoshop.tensor.LatentShape;

/**
 * Records a window's x0 and the latents after every inversion step (a {@link LatentObserver}) and measures how
 * straight the trajectory is: the cosine similarity of the directions x_k - x0 between adjacent steps and over all pairs of
 * steps, as the paper's Table (0.9919 adjacent mean, 0.9282 all pairs, 0.9107 adjacent minimum on SVD).
 * One per window; not thread-safe.
 */
public final class Trajectory implements LatentObserver {

    private final List<float[]> steps = new ArrayList<>();
    private float[] x0;

    @Override
    public void onSource(LatentShape shape, float[] x0) {
        this.x0 = x0.clone();
    }

    @Override
    public void onStep(Stage stage, int step, double sigma, LatentShape shape, float[] x) {
        if (stage == Stage.INVERT) {
            steps.add(x.clone());
        }
    }

    /** Latents after each inversion step, in order (copies). */
    public List<float[]> steps() {
        return List.copyOf(steps);
    }

    /** The straightness of the recorded trajectory from the x0 it was shown ({@link #onSource}). */
    public Straightness straightness() {
        if (x0 == null) {
            throw new IllegalStateException("Expected the window's x0 (onSource) before measuring but found none");
        }
        return Straightness.of(x0, steps);
    }

    /** The straightness of the recorded trajectory from {@code x0}. */
    public Straightness straightness(float[] x0) {
        return Straightness.of(x0, steps);
    }

    /**
     * How straight a trajectory is. NaN where fewer than two steps were recorded.
     *
     * @param adjacentMean mean cosine similarity of x_k - x0 and x_{k+1} - x0
     * @param adjacentMin  minimum of those
     * @param allPairsMean mean over all pairs k &lt; l
     * @param steps        steps recorded
     */
    public record Straightness(double adjacentMean, double adjacentMin, double allPairsMean, int steps) {

        /** Measures the directions {@code xs[k] - x0}. */
        public static Straightness of(float[] x0, List<float[]> xs) {
            int n = xs.size();
            if (n < 2) {
                return new Straightness(Double.NaN, Double.NaN, Double.NaN, n);
            }
            double[][] d = new double[n][];
            for (int k = 0; k < n; k++) {
                float[] x = xs.get(k);
                double[] v = new double[x0.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (double) x[i] - x0[i];
                }
                d[k] = v;
            }
            double adjSum = 0;
            double adjMin = Double.POSITIVE_INFINITY;
            for (int k = 0; k + 1 < n; k++) {
                double c = cosine(d[k], d[k + 1]);
                adjSum += c;
                adjMin = Math.min(adjMin, c);
            }
            double allSum = 0;
            int pairs = 0;
            for (int k = 0; k < n; k++) {
                for (int l = k + 1; l < n; l++) {
                    allSum += cosine(d[k], d[l]);
                    pairs++;
                }
            }
            return new Straightness(adjSum / (n - 1), adjMin, allSum / pairs, n);
        }

        static double cosine(double[] a, double[] b) {
            double ab = 0;
            double aa = 0;
            double bb = 0;
            for (int i = 0; i < a.length; i++) {
                ab += a[i] * b[i];
                aa += a[i] * a[i];
                bb += b[i] * b[i];
            }
            return aa == 0 || bb == 0 ? Double.NaN : ab / Math.sqrt(aa * bb);
        }
    }
}
