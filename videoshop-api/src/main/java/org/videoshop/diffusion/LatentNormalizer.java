package org.videoshop.diffusion;

import org.videoshop.kernel.LatentScope;
import org.videoshop.kernel.LatentTensor;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Latents;

/**
 * Videoshop's latent statistics: the normalisation before inversion and the affine rescale after generation.
 * Operates in place on the caller's latents. A {@link NormalizerProvider} makes one under a name that
 * {@code VideoshopOptions.normalization} chooses ({@link Normalizers}); the built-ins are {@link ChannelNormalizer}
 * ({@code per-channel}, over all frames: the paper's, the default) and {@link FrameNormalizer} ({@code per-frame},
 * over channels and pixels: the authors' run.py).
 *
 * <p>Each operation has two forms: on host {@link Latents}, and on a backend's {@link LatentTensor} in a
 * {@link LatentScope} (what the pipeline calls, so that an edit's latents stay in the backend's memory from the
 * encoder's output to the decoder's input). The tensor forms' defaults copy the tensor to the host, call the
 * {@code Latents} form and copy the result back (two counted host transfers), so a normaliser written against the
 * {@code Latents} forms works unchanged; the built-ins override them with the scope's own arithmetic (no host copy).
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

    /** As {@link #stats(Latents, int, int)}, on a tensor of {@code scope} holding latents of {@code shape}. */
    default ChannelStats stats(LatentScope scope, LatentTensor x, LatentShape shape, int fromFrame, int toFrame) {
        return stats(onHost(x, shape), fromFrame, toFrame);
    }

    /** As {@link #normalize(Latents)}, in place on a tensor of {@code scope} holding latents of {@code shape}. */
    default void normalize(LatentScope scope, LatentTensor x, LatentShape shape) {
        Latents host = onHost(x, shape);
        normalize(host);
        x.copyFrom(host.data());
    }

    /** As {@link #rescaleFirstFrameTo(Latents, ChannelStats)}, in place on a tensor of {@code scope}. */
    default void rescaleFirstFrameTo(LatentScope scope, LatentTensor x, LatentShape shape, ChannelStats target) {
        Latents host = onHost(x, shape);
        rescaleFirstFrameTo(host, target);
        x.copyFrom(host.data());
    }

    /** A host copy of a tensor's latents (the tensor forms' default; one host transfer). */
    private static Latents onHost(LatentTensor x, LatentShape shape) {
        if (x.size() != shape.size()) {
            throw new IllegalArgumentException("Expected a tensor of " + shape.size() + " floats for latents " + shape
                    + " but found " + x.size());
        }
        float[] host = new float[x.size()];
        x.copyTo(host);
        return new Latents(shape, host);
    }
}
