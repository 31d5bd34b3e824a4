package org.videoshop.diffusion;

import org.videoshop.tensor.Latents;

/**
 * Channel-wise latent statistics: Videoshop's normalisation before inversion and its affine rescale after
 * generation. Operates in place on the caller's latents.
 */
public interface LatentNormalizer {

    /** Per-channel mean and std over frames [from, to) and all pixels. */
    ChannelStats stats(Latents x, int fromFrame, int toFrame);

    /** Normalises every channel over all frames and pixels to mean 0, std 1 (std + eps); returns the old stats. */
    ChannelStats normalize(Latents x);

    /** Undoes {@link #normalize} given the stats it returned. */
    void denormalize(Latents x, ChannelStats stats);

    /**
     * Shifts and scales every frame, per channel, so that frame 0's mean and std become {@code target}'s
     * (an affine map common to all frames, so the motion's relative contrast is kept).
     */
    void rescaleFirstFrameTo(Latents x, ChannelStats target);
}
