package org.videoshop.pipeline;

import org.videoshop.kernel.LatentKernels;
import org.videoshop.kernel.ReferenceKernels;

/** The round-trip properties on the reference backend. */
class InversionRoundTripTest extends InversionRoundTripProperties {

    private final LatentKernels kernels = new ReferenceKernels();

    @Override
    protected LatentKernels kernels() {
        return kernels;
    }
}
