package org.videoshop;

import org.videoshop.Stage;
import org.videoshop.tensor.LatentShape;

/**
 * Sees the latents of an edit as it runs, for trajectory analysis and evaluation: each window's clean latents x0
 * where its inversion starts ({@link #onSource}), then the latents after every inversion and generation step.
 * Given to {@link VideoEditor#edit(org.videoshop.tensor.Video, org.videoshop.tensor.Frame,
 * org.videoshop.tensor.Mask, ProgressListener, CancellationToken, LatentObserver)}. Arrays are host copies that the
 * pipeline reuses: copy what you keep, never modify them. Called on the editing thread.
 */
@FunctionalInterface
public interface LatentObserver {

    LatentObserver NONE = (stage, step, sigma, shape, x) -> { };

    /** The latents after {@code step} of {@code stage} (1-based), at noise level {@code sigma}. */
    void onStep(Stage stage, int step, double sigma, LatentShape shape, float[] x);

    /**
     * A window's clean latents x0 (encoded, scaled and, where the options say, normalised), once per window
     * before its inversion's first step; windows come in order.
     */
    default void onSource(LatentShape shape, float[] x0) {
    }
}
