package org.videoshop;

/** What an edit of images returns at the input's resolution (see README, "Output modes"). */
public enum OutputMode {
    /**
     * Detail-preserving (the default): the model generates twice from one inversion with the same noise, once
     * conditioned on the source's own first frame (the reconstruction R) and once on the edited frame (E); the
     * output is the source plus the upsampled difference E - R, limited to the automatic edit region (where the
     * change is visible) or to the caller's mask. Whatever the model gets wrong on both (autoencoder blur, drift,
     * colour shifts, its low resolution) cancels; outside the region the output is the source bit for bit, and
     * frame 0 is the edited first frame exactly.
     */
    DETAIL,
    /** The paper's plain regeneration: every frame is the model's output, upsampled to the input's size. */
    REGENERATE;

    /**
     * System property: {@code true} runs a direct detail edit's two generations (the reconstruction and the edit)
     * as one batched network call per step instead of two calls; not the default, since it measured no faster end to
     * end on ONNX Runtime CPU (docs/benchmarks.md 2b). Read when an editor is made.
     */
    public static final String BATCH_GENERATIONS_PROPERTY = "videoshop.batchGenerations";
}
