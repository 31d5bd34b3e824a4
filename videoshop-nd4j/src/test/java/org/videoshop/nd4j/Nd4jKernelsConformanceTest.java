package org.videoshop.nd4j;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.videoshop.kernel.LatentKernels;
import org.videoshop.kernel.LatentKernelsConformance;

/** The shared conformance suite, run on the real ND4J CPU backend. */
class Nd4jKernelsConformanceTest extends LatentKernelsConformance {

    private static Nd4jKernels shared;

    @Override
    protected LatentKernels kernels() {
        return shared;
    }

    @BeforeAll
    static void open() {
        Nd4jTests.requireNd4j();
        shared = new Nd4jKernels();
    }

    @AfterAll
    static void close() {
        if (shared != null) {
            shared.close();
        }
    }
}
