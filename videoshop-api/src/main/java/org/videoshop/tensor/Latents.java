package org.videoshop.tensor;

import java.util.Arrays;

/**
 * A clip's latents: a shape and its row-major float data, a working buffer rather than a value. The pipeline's
 * normalisation and rescale ({@link org.videoshop.diffusion.LatentNormalizer}) update it in place, so it shares its
 * array with its creator (no defensive copy: latents are large and live in hot loops) and is not a record; whoever
 * created it owns the array and decides who may write it. {@link #copy()} gives an independent one.
 */
public final class Latents {

    private final LatentShape shape;
    private final float[] data;

    /** Latents over {@code data} (not copied: the new object and the caller share it). */
    public Latents(LatentShape shape, float[] data) {
        if (shape == null) {
            throw new IllegalArgumentException("Expected a latent shape but found null");
        }
        Checks.length("latents " + shape, data, shape.size());
        this.shape = shape;
        this.data = data;
    }

    /** Zero-filled latents of the given shape. */
    public static Latents zeros(LatentShape shape) {
        return new Latents(shape, new float[shape.size()]);
    }

    public LatentShape shape() {
        return shape;
    }

    /** The shared buffer itself (writes change these latents). */
    public float[] data() {
        return data;
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
