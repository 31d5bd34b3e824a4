package org.videoshop.model;

import java.nio.FloatBuffer;
import org.videoshop.tensor.LatentShape;

/**
 * The diffusion model's raw network F (SVD's spatio-temporal UNet), before the EDM preconditioning: the card's
 * "Denoiser" is this network, not the preconditioned D. The pipeline feeds it c_in(s) x and c_noise(s) and builds
 * D(x; s) = c_skip x + c_out F itself ({@link org.videoshop.diffusion.Preconditioning}). Outputs are written into caller-owned arrays or buffers so the hot loop allocates nothing. Owned
 * by its {@link VideoshopModel}; thread-safe.
 *
 * <p>The {@link FloatBuffer} forms are the network boundary of backend-owned latents (a backend's tensors hand
 * out heap or direct buffers over their memory): an implementation reads the input and writes the outputs
 * through them without an intermediate array. Their defaults use the buffers' arrays when the buffers are heap
 * buffers over whole arrays of the right length, and copy otherwise.
 */
public interface Denoiser {

    /**
     * Evaluates F once.
     *
     * @param shape     latent shape [T, C, h, w] of the clip
     * @param input     c_in-scaled noisy latents, {@code shape.size()} floats
     * @param cNoise    the noise conditioning c_noise(s)
     * @param condition what the clip is conditioned on
     * @param out       receives F, {@code shape.size()} floats
     */
    void predict(LatentShape shape, float[] input, float cNoise, Conditioning condition, float[] out);

    /**
     * Evaluates F with the condition and with {@link Conditioning#unconditional()}, for classifier-free guidance.
     * Models that can run both as one batch of 2 (as SVD does) override this; the default calls
     * {@link #predict} twice.
     */
    default void predictGuided(LatentShape shape, float[] input, float cNoise, Conditioning condition,
                               Conditioning unconditional, float[] outConditional, float[] outUnconditional) {
        predict(shape, input, cNoise, condition, outConditional);
        predict(shape, input, cNoise, unconditional, outUnconditional);
    }

    /** As {@link #predict(LatentShape, float[], float, Conditioning, float[])}, through buffers of {@code shape.size()} floats. */
    default void predict(LatentShape shape, FloatBuffer input, float cNoise, Conditioning condition,
                         FloatBuffer out) {
        float[] o = array(out, shape.size());
        predict(shape, array(input, shape.size()), cNoise, condition, o);
        back(o, out);
    }

    /** As {@link #predictGuided(LatentShape, float[], float, Conditioning, Conditioning, float[], float[])}, through buffers. */
    default void predictGuided(LatentShape shape, FloatBuffer input, float cNoise, Conditioning condition,
                               Conditioning unconditional, FloatBuffer outConditional, FloatBuffer outUnconditional) {
        float[] c = array(outConditional, shape.size());
        float[] u = array(outUnconditional, shape.size());
        predictGuided(shape, array(input, shape.size()), cNoise, condition, unconditional, c, u);
        back(c, outConditional);
        back(u, outUnconditional);
    }

    /**
     * Evaluates F on several inputs at one noise level, each with its own conditioning, through buffers of {@code
     * shape.size()} floats: {@code outs[i]} receives F of {@code inputs[i]} under {@code conditions[i]}. Models that
     * run a batch in one network call override this (the ONNX UNet does); the default calls {@link
     * #predict(LatentShape, FloatBuffer, float, Conditioning, FloatBuffer)} once per item. Used to run detail mode's
     * reconstruction and edit, which share their noise levels, as one batch.
     */
    default void predictBatch(LatentShape shape, FloatBuffer[] inputs, float cNoise, Conditioning[] conditions,
                              FloatBuffer[] outs) {
        if (inputs.length != conditions.length || outs.length != conditions.length) {
            throw new IllegalArgumentException("Expected as many inputs and outputs as conditions ("
                    + conditions.length + ") but found " + inputs.length + " and " + outs.length);
        }
        for (int i = 0; i < conditions.length; i++) {
            predict(shape, inputs[i], cNoise, conditions[i], outs[i]);
        }
    }

    /** The buffer's own array when it is a heap buffer over exactly {@code n} floats, else a copy of its values. */
    private static float[] array(FloatBuffer b, int n) {
        if (b.capacity() != n) {
            throw new IllegalArgumentException("Expected a buffer of " + n + " floats but found " + b.capacity());
        }
        if (b.hasArray() && b.arrayOffset() == 0 && b.array().length == n) {
            return b.array();
        }
        float[] a = new float[n];
        b.get(0, a);
        return a;
    }

    /** Writes {@code a} into {@code b} unless it is {@code b}'s own array. */
    private static void back(float[] a, FloatBuffer b) {
        if (!(b.hasArray() && b.array() == a)) {
            b.put(0, a);
        }
    }
}
