package org.videoshop.model;

import org.videoshop.tensor.Latents;
import org.videoshop.tensor.Video;

/**
 * The model's variational autoencoder (VAE), both halves: the card's "Encoder" is this VAE, not the CLIP image
 * embedder ({@link ImageEmbedder}). {@link #encode} runs its encoder (pixels to the posterior's mode),
 * {@link #decode} its decoder (latents to pixels). Latents here are the network's own, NOT multiplied by the
 * scaling factor (the pipeline applies it). Implementations chunk frames as they need so memory stays bounded;
 * every returned object is new and owned by the caller. Owned by its {@link VideoshopModel}.
 */
public interface Encoder {

    /** The mode of the posterior for every frame: [T, C, H/f, W/f]. Pixels are in [0, 1]. */
    Latents encode(Video video);

    /** Pixels in [0, 1] (clamped) for every frame of the latents; the frame count is the decoder's input too. */
    Video decode(Latents latents);
}
