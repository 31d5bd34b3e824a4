package org.videoshop.kernel;

import org.videoshop.tensor.LatentShape;

/**
 * Creates, owns and computes on a backend's {@link LatentTensor}s, in the manner of DJL's {@code NDManager}: one
 * scope per window of an edit, closed with try-with-resources, frees every tensor it created. The arithmetic is
 * {@link LatentKernels}' (same formulas, same in-place rule: {@code out} may be an input, never a partial overlap),
 * on tensors instead of arrays, so a backend keeps an edit's latents in its own memory and host copies happen only
 * where a caller asks for them ({@link #upload}, {@link LatentTensor#copyTo}, {@link LatentTensor#copyFrom}),
 * which {@link #hostTransfers()} counts. Not thread-safe; closing twice is harmless; use after close throws
 * {@link IllegalStateException}.
 */
public interface LatentScope extends AutoCloseable {

    /** The backend's name. */
    String backend();

    /** A new tensor of {@code size} zeros, owned by this scope. */
    LatentTensor zeros(int size);

    /** A new tensor holding a copy of {@code values} (a host transfer), owned by this scope. */
    LatentTensor upload(float[] values);

    /** dst = src. */
    void copy(LatentTensor src, LatentTensor dst);

    /** As {@link LatentKernels#extrapolate}. */
    void extrapolate(LatentTensor x0, LatentTensor x, float ratio, float cIn, LatentTensor out);

    /** As {@link LatentKernels#perturb}. */
    void perturb(LatentTensor x0, LatentTensor noise, float amplitude, float cIn, LatentTensor out);

    /** As {@link LatentKernels#scale}. */
    void scale(LatentTensor x, float c, LatentTensor out);

    /** As {@link LatentKernels#inverseEulerStep}. */
    void inverseEulerStep(LatentTensor x, LatentTensor f, float sCur, float sNext, float cSkip, float cOut,
                          LatentTensor out);

    /** As {@link LatentKernels#eulerStep}. */
    void eulerStep(LatentTensor x, LatentTensor f, float sigma, float sNext, float cSkip, float cOut,
                   LatentTensor out);

    /** As {@link LatentKernels#guidance}. */
    void guidance(LatentTensor cond, LatentTensor uncond, float[] frameScales, int frameSize, LatentTensor out);

    /** As {@link LatentKernels#channelStats}. */
    void channelStats(LatentTensor x, LatentShape shape, int fromFrame, int toFrame, double[] mean, double[] std);

    /** As {@link LatentKernels#affine}. */
    void affine(LatentTensor x, LatentShape shape, float[] scale, float[] shift, LatentTensor out);

    /** As {@link LatentKernels#blend}. */
    void blend(LatentTensor a, LatentTensor b, LatentTensor weight, LatentTensor out);

    /** Population standard deviation of all values, accumulated in double. */
    double globalStd(LatentTensor x);

    /** The index of the first value that is NaN or infinite, or -1 when all are finite. */
    int firstNonFinite(LatentTensor x);

    /** Host transfers made through this scope so far: uploads, {@code copyTo} and {@code copyFrom} calls. */
    long hostTransfers();

    /** Frees every tensor of this scope. Idempotent. */
    @Override
    void close();
}
