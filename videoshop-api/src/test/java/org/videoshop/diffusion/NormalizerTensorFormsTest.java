package org.videoshop.diffusion;

import org.videoshop.kernel.LatentKernels;
import org.videoshop.kernel.ReferenceKernels;

/** The normalisers' tensor forms on the {@code java} backend's heap scope. */
class NormalizerTensorFormsTest extends NormalizerTensorFormsProperties {

    @Override
    protected LatentKernels kernels() {
        return new ReferenceKernels();
    }
}
