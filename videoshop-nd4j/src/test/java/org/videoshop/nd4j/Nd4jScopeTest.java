package org.videoshop.nd4j;

import org.junit.jupiter.api.Nested;
import org.videoshop.diffusion.NormalizerTensorFormsProperties;
import org.videoshop.kernel.LatentKernels;
import org.videoshop.kernel.LatentKernelsConformance;
import org.videoshop.kernel.LatentScopeContract;
import org.videoshop.kernel.ScopedKernels;
import org.videoshop.pipeline.InversionRoundTripProperties;

/**
 * The nd4j backend's tensors (ND4J arrays in native memory): the kernel conformance suite through its scope, the
 * scope's contract, the end-to-end inversion round-trip properties on the analytic denoiser, and the normalisers'
 * tensor forms.
 */
class Nd4jScopeTest {

    @Nested
    class Conformance extends LatentKernelsConformance {
        @Override
        protected LatentKernels kernels() {
            return new ScopedKernels(Nd4jTests.kernels());
        }
    }

    @Nested
    class Contract extends LatentScopeContract {
        @Override
        protected LatentKernels kernels() {
            return Nd4jTests.kernels();
        }
    }

    @Nested
    class RoundTrips extends InversionRoundTripProperties {
        @Override
        protected LatentKernels kernels() {
            return Nd4jTests.kernels();
        }
    }

    @Nested
    class Normalizers extends NormalizerTensorFormsProperties {
        @Override
        protected LatentKernels kernels() {
            return Nd4jTests.kernels();
        }
    }
}
