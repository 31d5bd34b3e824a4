package org.videoshop.diffusion;

import org.videoshop.kernel.LatentKernels;

/** Registers {@link FrameNormalizer} as normalization {@code per-frame}, rank 50: the authors' run.py. */
public final class FrameNormalizerProvider implements NormalizerProvider {

    /** The name options choose it by. */
    public static final String NAME = "per-frame";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 50;
    }

    @Override
    public LatentNormalizer create(LatentKernels kernels) {
        return new FrameNormalizer(kernels);
    }
}
