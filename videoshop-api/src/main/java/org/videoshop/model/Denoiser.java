package org.videoshop.model;

import org.videoshop.tensor.LatentShape;

/**
 * The raw network F of the diffusion model (the UNet), before preconditioning: the pipeline feeds it
 * c_in(s) x and c_noise(s) and builds D(x; s) = c_skip x + c_out F itself. Outputs are written into
 * caller-owned arrays so the hot loop allocates nothing. Owned by its {@link VideoshopModel}.
 */
public interface Denoiser {

    /**
     * Evaluates F once.
     *
     * @param shape     latent shape [T, C, h, w] of the clip
     * @param input     c_in-scaled noisy latents, {@code shape.size()} floats
     * @param cNoise    the noise conditioning c_noise(s)
     * @param condition what the clip is conditioned on
     * @param out       receives F, {@code shape.size()} floats
     */
    void predict(LatentShape shape, float[] input, float cNoise, Conditioning condition, float[] out);

    /**
     * Evaluates F with the condition and with {@link Conditioning#unconditional()}, for classifier-free guidance.
     * Models that can run both as one batch of 2 (as SVD does) override this; the default calls
     * {@link #predict} twice.
     */
    default void predictGuided(LatentShape shape, float[] input, float cNoise, Conditioning condition,
                               Conditioning unconditional, float[] outConditional, float[] outUnconditional) {
        predict(shape, input, cNoise, condition, outConditional);
        predict(shape, input, cNoise, unconditional, outUnconditional);
    }
}
