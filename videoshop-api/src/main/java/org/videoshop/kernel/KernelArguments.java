package org.videoshop.kernel;

import org.videoshop.tensor.LatentShape;

/**
 * The argument checks of the {@link LatentKernels} contract, in one place for every backend: each throws an
 * {@link IllegalArgumentException} saying what was expected and what was found, before any memory is touched.
 */
public final class KernelArguments {

    private KernelArguments() {
    }

    /** Two inputs and the output of one length. */
    public static void sameLength(float[] a, float[] b, float[] out) {
        if (a.length != out.length || b.length != out.length) {
            throw new IllegalArgumentException("Expected arrays of one length but found " + a.length + ", "
                    + b.length + " and " + out.length);
        }
    }

    /** Three inputs and the output of one length. */
    public static void sameLength(float[] a, float[] b, float[] c, float[] out) {
        if (a.length != out.length || b.length != out.length || c.length != out.length) {
            throw new IllegalArgumentException("Expected arrays of one length but found " + a.length + ", "
                    + b.length + ", " + c.length + " and " + out.length);
        }
    }

    /** Latents of {@code shape.size()} floats. */
    public static void shape(float[] x, LatentShape shape) {
        if (x.length != shape.size()) {
            throw new IllegalArgumentException("Expected " + shape.size() + " floats for shape " + shape
                    + " but found " + x.length);
        }
    }

    /** {@code frames} blocks of {@code frameSize} floats make {@code length}. */
    public static void frames(int length, int frames, int frameSize) {
        if ((long) frames * frameSize != length) {
            throw new IllegalArgumentException("Expected " + frames + " frames of " + frameSize + " floats = "
                    + (long) frames * frameSize + " but found " + length);
        }
    }

    /** A frame range [from, to) within the shape's frames, and per-channel outputs long enough. */
    public static void channelStats(LatentShape shape, int fromFrame, int toFrame, double[] mean, double[] std) {
        if (fromFrame < 0 || toFrame > shape.frames() || fromFrame >= toFrame) {
            throw new IllegalArgumentException("Expected a frame range within [0, " + shape.frames()
                    + "] but found [" + fromFrame + ", " + toFrame + ")");
        }
        if (mean.length < shape.channels() || std.length < shape.channels()) {
            throw new IllegalArgumentException("Expected mean and std arrays of at least " + shape.channels()
                    + " but found " + mean.length + " and " + std.length);
        }
    }

    /** One scale and one shift per channel. */
    public static void perChannel(LatentShape shape, float[] scale, float[] shift) {
        if (scale.length != shape.channels() || shift.length != shape.channels()) {
            throw new IllegalArgumentException("Expected scale and shift of " + shape.channels()
                    + " channels but found " + scale.length + " and " + shift.length);
        }
    }
}
