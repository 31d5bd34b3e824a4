package org.videoshop.diffusion;

import org.videoshop.kernel.LatentKernels;

/** How the video latents are normalised before inversion (the rescale after generation is per channel in both). */
public enum LatentNormalization {
    /** Each channel over all frames and pixels, population std: the paper's "channel-wise" normalisation. */
    PER_CHANNEL,
    /**
     * Each frame over all channels and pixels, unbiased std: what the authors' run.py computes
     * ({@code latents.reshape(latents.size(1), -1)} on [B, T, C, h, w]).
     */
    PER_FRAME;

    /** The normaliser for this choice on {@code kernels}' backend. */
    public LatentNormalizer on(LatentKernels kernels) {
        return this == PER_CHANNEL ? new ChannelNormalizer(kernels) : new FrameNormalizer(kernels);
    }
}
