package org.videoshop.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.videoshop.kernel.ReferenceKernels;
import org.videoshop.tensor.LatentShape;

/** GPU only (-Pcuda on a machine with an NVIDIA GPU): host/device copies keep results equal to the reference. */
class CudaKernelsTest {

    @BeforeAll
    static void needsCuda() {
        Nd4jTests.assumeCuda();
    }

    @Test
    void svdSizedStepsAgreeWithReferenceOnTheDevice() {
        LatentShape svd = new LatentShape(14, 4, 72, 128);
        Random r = new Random(5);
        float[] x = new float[svd.size()];
        float[] f = new float[svd.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
            f[i] = (float) r.nextGaussian();
        }
        float[] want = new float[x.length];
        float[] got = x.clone();
        try (Nd4jKernels k = new Nd4jKernels()) {
            for (int rep = 0; rep < 3; rep++) { // reuse of the pooled device buffers must see fresh host data
                new ReferenceKernels().eulerStep(x, f, 3f + rep, 2f, 0.1f, -0.95f, want);
                k.eulerStep(x, f, 3f + rep, 2f, 0.1f, -0.95f, got);
                assertArrayEquals(want, got, 1e-4f, "repetition " + rep);
            }
        }
    }
}
