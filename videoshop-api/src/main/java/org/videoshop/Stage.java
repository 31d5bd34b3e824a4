package org.videoshop;

/** The stages of an edit, in order, as reported to a {@link ProgressListener}. */
public enum Stage {
    /** VAE-encoding the source frames and the conditioning images, and normalising. */
    ENCODE,
    /** Noise-extrapolated (or naive) inversion of the source latents. */
    INVERT,
    /** Euler sampling conditioned on the edited first frame. */
    GENERATE,
    /** Affine rescale of the latents to the edited frame's statistics. */
    RESCALE,
    /** VAE-decoding the edited latents. */
    DECODE
}
