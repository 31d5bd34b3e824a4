package org.videoshop.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.videoshop.kernel.ReferenceKernels;

/** Scratch pooling, trimming, closing, and sharing one instance between threads. */
class Nd4jKernelsLifecycleTest {

    @BeforeAll
    static void needsNd4j() {
        Nd4jTests.requireNd4j();
    }

    private static float[] ramp(int n, float step) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (i % 97) * step - 1f;
        }
        return a;
    }

    @Test
    void scratchIsPooledPerLengthTrimmedAndFreedOnClose() {
        Nd4jKernels k = new Nd4jKernels();
        try {
            assertEquals(0, k.idleBytes());
            float[] x = ramp(1000, 0.01f);
            float[] out = new float[1000];
            k.scale(x, 2f, out);
            assertEquals(1000L * Float.BYTES * 2, k.idleBytes(), "one float scratch pair kept for reuse");
            k.scale(x, 3f, out);
            assertEquals(1000L * Float.BYTES * 2, k.idleBytes(), "reused, not grown");
            k.trim();
            assertEquals(0, k.idleBytes());
            k.scale(x, 2f, out);
            assertEquals(2f * x[5], out[5]);
        } finally {
            k.close();
        }
        assertEquals(0, k.idleBytes());
        k.close(); // idempotent
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> k.scale(new float[3], 1f, new float[3]));
        assertTrue(e.getMessage().contains("Nd4jKernels") && e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void zeroIdleLimitStillComputesAndKeepsNothing() {
        try (Nd4jKernels k = new Nd4jKernels(0)) {
            float[] x = ramp(500, 0.02f);
            float[] f = ramp(500, -0.03f);
            float[] want = new float[500];
            float[] got = new float[500];
            new ReferenceKernels().eulerStep(x, f, 2f, 1f, 0.2f, -0.9f, want);
            k.eulerStep(x, f, 2f, 1f, 0.2f, -0.9f, got);
            assertArrayEquals(want, got, 1e-5f);
            assertEquals(0, k.idleBytes());
        }
        assertThrows(IllegalArgumentException.class, () -> new Nd4jKernels(-1));
    }

    @Test
    void oneInstanceIsSafeToShareBetweenThreads() throws Exception {
        int threads = 4;
        int n = 30_011; // odd, so no two lengths coincide with other tests by accident
        try (Nd4jKernels k = new Nd4jKernels()) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    float c = t + 1;
                    futures.add(pool.submit(() -> {
                        float[] x = ramp(n, 0.001f * c);
                        float[] f = ramp(n, -0.002f);
                        float[] want = new float[n];
                        float[] got = new float[n];
                        ReferenceKernels ref = new ReferenceKernels();
                        for (int rep = 0; rep < 200; rep++) {
                            float ratio = 1f + 0.01f * rep;
                            ref.extrapolate(f, x, ratio, c, want);
                            k.extrapolate(f, x, ratio, c, got);
                            assertArrayEquals(want, got, 1e-4f * c, "thread " + c + " repetition " + rep);
                        }
                        return null;
                    }));
                }
                for (Future<?> fu : futures) {
                    fu.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertTrue(k.idleBytes() <= Nd4jKernels.DEFAULT_MAX_IDLE_BYTES);
            assertTrue(k.idleBytes() >= (long) n * Float.BYTES * 2, "at least one scratch pooled");
        }
    }
}
