package org.videoshop.pipeline;

import org.videoshop.Stage;
import org.videoshop.tensor.LatentShape;

/**
 * Sees the latents after every inversion and generation step (for trajectory analysis and evaluation). The
 * array is the pipeline's working buffer: copy what you keep, never modify it.
 */
@FunctionalInterface
public interface LatentObserver {

    LatentObserver NONE = (stage, step, sigma, shape, x) -> { };

    void onStep(Stage stage, int step, double sigma, LatentShape shape, float[] x);
}
