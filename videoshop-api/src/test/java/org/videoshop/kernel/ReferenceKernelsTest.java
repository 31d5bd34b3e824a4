package org.videoshop.kernel;

/** The reference backend against the double-precision formulas. */
class ReferenceKernelsTest extends LatentKernelsConformance {

    private final LatentKernels kernels = new ReferenceKernels();

    @Override
    protected LatentKernels kernels() {
        return kernels;
    }
}
