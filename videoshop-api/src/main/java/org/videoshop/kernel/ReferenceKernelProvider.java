package org.videoshop.kernel;

/** Registers {@link ReferenceKernels} as backend {@code java}, rank 100. */
public final class ReferenceKernelProvider implements KernelProvider {

    @Override
    public String name() {
        return ReferenceKernels.NAME;
    }

    @Override
    public int rank() {
        return 100;
    }

    @Override
    public LatentKernels create() {
        return new ReferenceKernels();
    }
}
