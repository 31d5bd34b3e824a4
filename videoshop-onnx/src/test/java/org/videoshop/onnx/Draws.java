package org.videoshop.onnx;

import org.videoshop.model.Conditioning;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Noise;

/** Seeded random test inputs: latents and conditionings (the test clip is {@link org.videoshop.testing.Clips}). */
final class Draws {

    private Draws() {
    }

    static float[] gaussian(int n, long seed) {
        return Noise.gaussian(n, seed);
    }

    static Conditioning conditioning(LatentShape shape, int dimension, long seed) {
        return new Conditioning(gaussian(dimension, seed), gaussian(shape.frameSize(), seed + 1), 7, 127, 0.02);
    }
}
