package org.videoshop.kernel;

import org.junit.jupiter.api.Nested;

/** The java backend's tensors: the conformance suite through its scope, and the scope's contract. */
class HeapScopeTest {

    @Nested
    class Conformance extends LatentKernelsConformance {
        private final LatentKernels kernels = new ScopedKernels(new ReferenceKernels());

        @Override
        protected LatentKernels kernels() {
            return kernels;
        }
    }

    @Nested
    class Contract extends LatentScopeContract {
        @Override
        protected LatentKernels kernels() {
            return new ReferenceKernels();
        }
    }
}
