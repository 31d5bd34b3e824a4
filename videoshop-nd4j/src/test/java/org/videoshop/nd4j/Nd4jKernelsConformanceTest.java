package org.videoshop.nd4j;

import org.videoshop.kernel.LatentKernels;
import org.videoshop.kernel.LatentKernelsConformance;

/** The shared conformance suite, run on the real ND4J CPU backend. */
class Nd4jKernelsConformanceTest extends LatentKernelsConformance {

    @Override
    protected LatentKernels kernels() {
        return Nd4jTests.kernels();
    }
}
