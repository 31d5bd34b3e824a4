package org.videoshop.nd4j;

import java.util.Random;
import org.videoshop.kernel.LatentKernels;
import org.videoshop.kernel.ReferenceKernels;
import org.videoshop.tensor.LatentShape;

/**
 * A rough, JMH-free look at java vs nd4j kernel times at SVD latent size (not a test; the benchmark module owns
 * real measurements). Run after {@code mvn -pl videoshop-nd4j -am verify}, with the test class path (e.g. from
 * {@code mvn -pl videoshop-nd4j dependency:build-classpath} plus target/classes and target/test-classes):
 * {@code OMP_NUM_THREADS=1 java -cp ... org.videoshop.nd4j.QuickSpeed [repetitions]}.
 */
public final class QuickSpeed {

    private QuickSpeed() {
    }

    public static void main(String[] args) {
        LatentShape shape = new LatentShape(14, 4, 72, 128);
        int n = shape.size();
        Random r = new Random(1);
        float[] x = new float[n];
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
            f[i] = (float) r.nextGaussian();
        }
        float[] out = new float[n];
        float[] g = new float[shape.frames()];
        java.util.Arrays.fill(g, 2.5f);
        double[] m = new double[4];
        double[] s = new double[4];
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        try (Nd4jKernels nd = new Nd4jKernels()) {
            for (LatentKernels k : new LatentKernels[] {new ReferenceKernels(), nd, new ReferenceKernels(), nd}) {
                report(k, "eulerStep", reps, () -> k.eulerStep(x, f, 2f, 1.5f, 0.2f, -0.9f, out));
                report(k, "extrapolate", reps, () -> k.extrapolate(x, f, 1.3f, 0.5f, out));
                report(k, "scale", reps, () -> k.scale(x, 0.5f, out));
                report(k, "guidance", reps, () -> k.guidance(x, f, g, shape.frameSize(), out));
                report(k, "affine", reps, () -> k.affine(x, shape, new float[] {1, 2, 3, 4}, new float[4], out));
                report(k, "channelStats", reps / 4, () -> k.channelStats(x, shape, 0, 14, m, s));
            }
        }
    }

    private static void report(LatentKernels k, String what, int reps, Runnable op) {
        for (int i = 0; i < reps / 4 + 1; i++) {
            op.run();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            op.run();
        }
        double ms = (System.nanoTime() - t0) / 1e6 / reps;
        System.out.printf("%-5s %-13s %8.3f ms/call%n", k.name(), what, ms);
    }
}
