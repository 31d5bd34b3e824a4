package org.videoshop.model;

import java.util.Arrays;

/**
 * What the denoiser is conditioned on: the conditioning image's embedding and latents (one frame's worth,
 * [C, h, w], repeated over all frames by the denoiser) and SVD's micro-conditioning. The record keeps its own
 * copies of the arrays and hands out copies (one frame's latents and one embedding: small next to a step).
 *
 * @param embedding        image embedding, [D]
 * @param latents          conditioning latents of one frame, [C, h, w]
 * @param fps              frames per second the model is told (SVD passes fps - 1 to the network)
 * @param motionBucketId   SVD's motion bucket
 * @param noiseAugStrength the noise augmentation applied to the conditioning image
 */
public record Conditioning(float[] embedding, float[] latents, double fps, double motionBucketId,
                           double noiseAugStrength) {

    public Conditioning {
        if (embedding == null || embedding.length == 0) {
            throw new IllegalArgumentException("Expected a non-empty embedding but found "
                    + (embedding == null ? "null" : "length 0"));
        }
        if (latents == null || latents.length == 0) {
            throw new IllegalArgumentException("Expected non-empty conditioning latents but found "
                    + (latents == null ? "null" : "length 0"));
        }
        embedding = embedding.clone();
        latents = latents.clone();
    }

    /** A copy of the image embedding. */
    @Override
    public float[] embedding() {
        return embedding.clone();
    }

    /** A copy of the conditioning latents of one frame. */
    @Override
    public float[] latents() {
        return latents.clone();
    }

    /** Floats in the embedding (without copying it). */
    public int embeddingLength() {
        return embedding.length;
    }

    /** Floats in the conditioning latents (without copying them). */
    public int latentsLength() {
        return latents.length;
    }

    /** The negative branch of classifier-free guidance: zeroed embedding and latents, same micro-conditioning. */
    public Conditioning unconditional() {
        return new Conditioning(new float[embedding.length], new float[latents.length], fps, motionBucketId,
                noiseAugStrength);
    }

    /** SVD's added_time_ids: [fps - 1, motion bucket, noise augmentation]. */
    public float[] addedTimeIds() {
        return new float[] {(float) (fps - 1), (float) motionBucketId, (float) noiseAugStrength};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Conditioning c && Arrays.equals(c.embedding, embedding) && Arrays.equals(c.latents, latents)
                && c.fps == fps && c.motionBucketId == motionBucketId && c.noiseAugStrength == noiseAugStrength;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(embedding) * 31 + Arrays.hashCode(latents);
    }

    @Override
    public String toString() {
        return "Conditioning[embedding=" + embedding.length + ", latents=" + latents.length + ", fps=" + fps
                + ", motionBucketId=" + motionBucketId + ", noiseAugStrength=" + noiseAugStrength + "]";
    }
}
