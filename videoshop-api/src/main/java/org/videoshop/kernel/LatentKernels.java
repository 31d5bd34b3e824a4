package org.videoshop.kernel;

import org.videoshop.tensor.LatentShape;

/**
 * The fused per-step latent arithmetic of an edit: each method is one pass over memory. Arrays are row-major
 * [T, C, h, w] latents of one length; {@code out} may be the same array as an input (in-place), never a partial
 * overlap. Implementations allocate nothing per call and are safe to share between threads (they hold no
 * mutable state). The plain-Java {@link ReferenceKernels} define the results every backend must reproduce to
 * float tolerance.
 */
public interface LatentKernels {

    /** The backend's name, as {@code -Dvideoshop.backend} spells it. */
    String name();

    /**
     * Opens a scope that creates, owns and computes on this backend's tensors (one per window of an edit; the
     * caller closes it). The default keeps tensors on the Java heap and runs these kernels on them
     * ({@link HeapScope}); a backend with memory of its own overrides it.
     */
    default LatentScope openScope() {
        return new HeapScope(this);
    }

    /** Noise-extrapolated estimate, scaled for the network: out = cIn * (x0 + ratio * (x - x0)). */
    void extrapolate(float[] x0, float[] x, float ratio, float cIn, float[] out);

    /** Noise-perturbed estimate below the threshold: out = cIn * (x0 + amplitude * noise). */
    void perturb(float[] x0, float[] noise, float amplitude, float cIn, float[] out);

    /** out = c * x. */
    void scale(float[] x, float c, float[] out);

    /**
     * The exact inverse of {@link #eulerStep} for a fixed network output f, from sCur (lower) to sNext (higher):
     * out = (sNext x + (sCur - sNext) cOut f) / ((sCur - sNext)(1 - cSkip) + sNext), with cSkip, cOut at sNext.
     */
    void inverseEulerStep(float[] x, float[] f, float sCur, float sNext, float cSkip, float cOut, float[] out);

    /**
     * One Euler step of the probability-flow ODE from sigma down to sNext:
     * out = x + (sNext - sigma) (x - (cSkip x + cOut f)) / sigma, with cSkip, cOut at sigma.
     */
    void eulerStep(float[] x, float[] f, float sigma, float sNext, float cSkip, float cOut, float[] out);

    /**
     * Classifier-free guidance with a scale per frame:
     * out[t] = uncond[t] + frameScales[t] * (cond[t] - uncond[t]) over blocks of {@code frameSize} floats.
     */
    void guidance(float[] cond, float[] uncond, float[] frameScales, int frameSize, float[] out);

    /**
     * Per-channel mean and population standard deviation over frames [fromFrame, toFrame) and all pixels,
     * written into {@code mean} and {@code std} (length C). Accumulates in double.
     */
    void channelStats(float[] x, LatentShape shape, int fromFrame, int toFrame, double[] mean, double[] std);

    /** Per-channel affine map over all frames: out = x * scale[c] + shift[c]. */
    void affine(float[] x, LatentShape shape, float[] scale, float[] shift, float[] out);

    /**
     * Masked blend: out = b + weight * (a - b), element-wise (weight 1 keeps a, 0 keeps b). A default
     * implementation is given so backends written before it keep working; backends may fuse it.
     */
    default void blend(float[] a, float[] b, float[] weight, float[] out) {
        KernelArguments.sameLength(a, b, weight, out);
        for (int i = 0; i < out.length; i++) {
            float y = b[i];
            out[i] = y + weight[i] * (a[i] - y);
        }
    }
}
