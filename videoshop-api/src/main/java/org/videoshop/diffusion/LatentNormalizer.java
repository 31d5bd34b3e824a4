package org.videoshop.diffusion;

import org.videoshop.tensor.Latents;

/**
 * Videoshop's latent statistics: the normalisation before inversion and the affine rescale after generation.
 * Operates in place on the caller's latents. A {@link NormalizerProvider} makes one under a name that
 * {@code VideoshopOptions.normalization} chooses ({@link Normalizers}); the built-ins are {@link ChannelNormalizer}
 * ({@code per-channel}, over all frames: the paper's, the default) and {@link FrameNormalizer} ({@code per-frame},
 * over channels and pixels: the authors' run.py).
 */
public interface LatentNormalizer {

    /** Per-channel mean and population std over frames [from, to) and all pixels. */
    ChannelStats stats(Latents x, int fromFrame, int toFrame);

    /** Normalises x in place to mean 0 and std 1 over the groups this normaliser uses (std + 1e-6). */
    void normalize(Latents x);

    /**
     * Shifts and scales every frame, per channel, so that frame 0's mean and std become {@code target}'s
     * (an affine map common to all frames, so the motion's relative contrast is kept).
     */
    void rescaleFirstFrameTo(Latents x, ChannelStats target);
}
