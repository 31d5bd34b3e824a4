package org.videoshop;

/** The stages of an edit, in order, as reported to a {@link ProgressListener}. */
public enum Stage {
    /** Reading source frames (and mask frames) from a {@link FrameSource} and resizing them to the working size. */
    READ,
    /** VAE-encoding the source frames and the conditioning images, and normalising. */
    ENCODE,
    /** Noise-extrapolated (or naive) inversion of the source latents. */
    INVERT,
    /**
     * Detail mode only: Euler sampling from the inversion conditioned on the source's own first frame (the
     * reconstruction that the edit is compared with), with its rescale and decode; once per inversion. With
     * {@code -Dvideoshop.batchGenerations=true} a direct edit samples it together with the edit, batched, within
     * {@link #GENERATE} (two steps a noise level) instead.
     */
    RECONSTRUCT,
    /** Euler sampling conditioned on the edited first frame. */
    GENERATE,
    /** Affine rescale of the latents to the edited frame's statistics. */
    RESCALE,
    /** VAE-decoding the edited latents. */
    DECODE,
    /** Composing frames at the input's resolution and handing them to the {@link FrameSink}. */
    WRITE
}
