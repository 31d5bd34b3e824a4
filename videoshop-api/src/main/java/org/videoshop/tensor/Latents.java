package org.videoshop.tensor;

import java.util.Arrays;

/**
 * A clip's latents: a shape and its row-major float data. The record shares its array with the caller
 * (no defensive copy: latents are large and live in hot loops); whoever created it owns the array.
 */
public record Latents(LatentShape shape, float[] data) {

    public Latents {
        if (shape == null) {
            throw new IllegalArgumentException("Expected a latent shape but found null");
        }
        Checks.length("latents " + shape, data, shape.size());
    }

    /** Zero-filled latents of the given shape. */
    public static Latents zeros(LatentShape shape) {
        return new Latents(shape, new float[shape.size()]);
    }

    /** A deep copy. */
    public Latents copy() {
        return new Latents(shape, data.clone());
    }

    /** A copy of frames [from, to). */
    public Latents frames(int from, int to) {
        if (from < 0 || to > shape.frames() || from >= to) {
            throw new IllegalArgumentException("Expected a frame range within [0, " + shape.frames() + "] but found ["
                    + from + ", " + to + ")");
        }
        int fs = shape.frameSize();
        return new Latents(shape.withFrames(to - from), Arrays.copyOfRange(data, from * fs, to * fs));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Latents other && shape.equals(other.shape) && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Latents" + shape;
    }
}
