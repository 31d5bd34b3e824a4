package org.videoshop.nd4j;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.videoshop.kernel.LatentKernels;
import org.videoshop.kernel.LatentKernelsConformance;
import org.videoshop.kernel.LatentScopeContract;
import org.videoshop.kernel.ScopedKernels;
import org.videoshop.pipeline.InversionRoundTripProperties;

/**
 * The nd4j backend's tensors (ND4J arrays in native memory): the kernel conformance suite through its scope, the
 * scope's contract, and the end-to-end inversion round-trip properties on the analytic denoiser.
 */
class Nd4jScopeTest {

    private static Nd4jKernels shared;

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

    @Nested
    class Conformance extends LatentKernelsConformance {
        @Override
        protected LatentKernels kernels() {
            return new ScopedKernels(shared);
        }
    }

    @Nested
    class Contract extends LatentScopeContract {
        @Override
        protected LatentKernels kernels() {
            return shared;
        }
    }

    @Nested
    class RoundTrips extends InversionRoundTripProperties {
        @Override
        protected LatentKernels kernels() {
            return shared;
        }
    }
}
