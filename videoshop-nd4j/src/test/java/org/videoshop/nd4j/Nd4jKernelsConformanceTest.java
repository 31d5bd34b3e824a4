package org.videoshop.nd4j;

import org.junit.jupiter.api.AfterAll;
import org.videoshop.kernel.LatentKernels;
import org.videoshop.kernel.LatentKernelsConformance;

/** The shared conformance suite, run on the real ND4J CPU backend. */
class Nd4jKernelsConformanceTest extends LatentKernelsConformance {

    private static final Nd4jKernels KERNELS = new Nd4jKernels();

    @Override
    protected LatentKernels kernels() {
        return KERNELS;
    }

    @AfterAll
    static void close() {
        KERNELS.close();
    }
}
