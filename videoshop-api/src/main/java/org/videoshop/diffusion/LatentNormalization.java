package org.videoshop.diffusion;

import org.videoshop.kernel.LatentKernels;

/**
 * The built-in normalisations by constant, for code that prefers an enum to a name: each value names one
 * {@link NormalizerProvider} ({@link #providerName()}), and
 * {@code VideoshopOptions.Builder.normalization(LatentNormalization)} is {@code normalization(value.providerName())}.
 * Normalisations of other providers are chosen by name alone. The rescale after generation is per channel in both.
 */
public enum LatentNormalization {
    /** Each channel over all frames and pixels, population std: the paper's "channel-wise" normalisation. */
    PER_CHANNEL(ChannelNormalizerProvider.NAME),
    /**
     * Each frame over all channels and pixels, unbiased std: what the authors' run.py computes
     * ({@code latents.reshape(latents.size(1), -1)} on [B, T, C, h, w]).
     */
    PER_FRAME(FrameNormalizerProvider.NAME);

    private final String providerName;

    LatentNormalization(String providerName) {
        this.providerName = providerName;
    }

    /** The name of the provider of this normalisation: {@code per-channel} or {@code per-frame}. */
    public String providerName() {
        return providerName;
    }

    /** The normaliser for this choice on {@code kernels}' backend. */
    public LatentNormalizer on(LatentKernels kernels) {
        return Normalizers.create(providerName, kernels);
    }
}
