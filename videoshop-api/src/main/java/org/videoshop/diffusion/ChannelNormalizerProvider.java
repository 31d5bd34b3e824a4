package org.videoshop.diffusion;

import org.videoshop.kernel.LatentKernels;

/** Registers {@link ChannelNormalizer} as normalization {@code per-channel}, rank 100: the default, the paper's. */
public final class ChannelNormalizerProvider implements NormalizerProvider {

    /** The name options choose it by. */
    public static final String NAME = "per-channel";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 100;
    }

    @Override
    public LatentNormalizer create(LatentKernels kernels) {
        return new ChannelNormalizer(kernels);
    }
}
