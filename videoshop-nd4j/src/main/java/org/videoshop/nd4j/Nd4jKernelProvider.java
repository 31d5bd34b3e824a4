package org.videoshop.nd4j;

import org.videoshop.kernel.KernelProvider;
import org.videoshop.kernel.LatentKernels;

/**
 * Registers {@link Nd4jKernels} as backend {@code nd4j}, rank {@value #RANK}: below the plain-Java reference
 * (100), whose fused loops make one pass over the latents where ND4J's ops and BLAS need two or three, so it is
 * faster per kernel on CPU (whole edits, dominated by the network, take the same time on both). Select it with {@code -Dvideoshop.backend=nd4j} or
 * {@code VideoshopOptions.builder().backend("nd4j")}. Unavailable (never throwing) when the ND4J natives
 * cannot load.
 */
public final class Nd4jKernelProvider implements KernelProvider {

    /** Preference below the reference backend's 100. */
    public static final int RANK = 50;

    @Override
    public String name() {
        return Nd4jKernels.NAME;
    }

    @Override
    public int rank() {
        return RANK;
    }

    @Override
    public boolean isAvailable() {
        return Nd4jRuntime.isAvailable();
    }

    /** New kernels; the instance {@link org.videoshop.kernel.Backends} keeps lives as long as the JVM. */
    @Override
    public LatentKernels create() {
        return new Nd4jKernels();
    }
}
