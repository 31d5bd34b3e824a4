package org.videoshop.nd4j;

import static org.videoshop.kernel.KernelArguments.sameLength;

import java.util.concurrent.atomic.AtomicLong;
import org.videoshop.kernel.KernelArguments;
import org.videoshop.kernel.LatentKernels;
import org.videoshop.kernel.LatentScope;
import org.videoshop.tensor.LatentShape;

/**
 * The latent kernels on ND4J (backend {@code nd4j}). An edit computes on the tensors of {@link #openScope()}; the
 * {@code float[]} methods here (for callers holding arrays: the normalisers' host forms) copy their inputs into the
 * two native tensors of a pooled scratch scope (one memcpy each), run that scope's kernel there and copy the result
 * out, so both paths share one implementation of the arithmetic ({@link Nd4jScope}). Scratch scopes are pooled by length
 * and shared by all threads (each call borrows its own).
 *
 * <p>Ownership: the instance that {@link org.videoshop.kernel.Backends} creates lives as long as the JVM; do not
 * close it. An instance you construct yourself is yours to {@link #close()}, which frees its pooled native
 * memory; calls after that throw {@link IllegalStateException}. Thread-safe.
 */
@SuppressWarnings("try") // scopeOutOfWorkspaces() is a scope guard, never referenced in the body
public final class Nd4jKernels implements LatentKernels, AutoCloseable {

    /** The backend name: {@code nd4j}. */
    public static final String NAME = "nd4j";

    /** Default limit of idle pooled scratch memory: 64 MiB (five sets at SVD's 516,096 floats). */
    public static final long DEFAULT_MAX_IDLE_BYTES = 64L << 20;

    private final ScratchPool pool;
    private final AtomicLong hostTransfers = new AtomicLong();

    /** Kernels keeping at most {@link #DEFAULT_MAX_IDLE_BYTES} of idle scratch memory. */
    public Nd4jKernels() {
        this(DEFAULT_MAX_IDLE_BYTES);
    }

    /**
     * @param maxIdleBytes idle scratch memory kept for reuse; 0 allocates and frees per call (slow, but bounded)
     * @throws IllegalStateException when the ND4J natives cannot load here
     */
    public Nd4jKernels(long maxIdleBytes) {
        Nd4jRuntime.requireAvailable();
        this.pool = new ScratchPool(maxIdleBytes, n -> new Scratch(n, hostTransfers));
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * A scope whose tensors are ND4J arrays in native memory (device memory under CUDA): the per-step arithmetic of
     * an edit runs on them with no copy to or from Java arrays. The caller closes it.
     */
    @Override
    public LatentScope openScope() {
        if (pool.isClosed()) {
            throw new IllegalStateException("Expected open Nd4jKernels but found them closed");
        }
        return new Nd4jScope(hostTransfers);
    }

    /**
     * Host transfers made so far: copies between Java arrays and native memory, by the {@code float[]} kernels
     * (each input in, each result out) and by every scope these kernels opened (uploads, {@code copyTo},
     * {@code copyFrom}). The network's buffer views are not transfers on CPU.
     */
    public long hostTransfers() {
        return hostTransfers.get();
    }

    @Override
    public void extrapolate(float[] x0, float[] x, float ratio, float cIn, float[] out) {
        onScratch(x0, x, out, (s, a, b) -> s.extrapolate(a, b, ratio, cIn, b));
    }

    @Override
    public void perturb(float[] x0, float[] noise, float amplitude, float cIn, float[] out) {
        onScratch(x0, noise, out, (s, a, b) -> s.perturb(a, b, amplitude, cIn, b));
    }

    @Override
    public void scale(float[] x, float c, float[] out) {
        onScratch(null, x, out, (s, a, b) -> s.scale(b, c, b));
    }

    @Override
    public void inverseEulerStep(float[] x, float[] f, float sCur, float sNext, float cSkip, float cOut, float[] out) {
        onScratch(x, f, out, (s, a, b) -> s.inverseEulerStep(a, b, sCur, sNext, cSkip, cOut, b));
    }

    @Override
    public void eulerStep(float[] x, float[] f, float sigma, float sNext, float cSkip, float cOut, float[] out) {
        onScratch(x, f, out, (s, a, b) -> s.eulerStep(a, b, sigma, sNext, cSkip, cOut, b));
    }

    @Override
    public void guidance(float[] cond, float[] uncond, float[] frameScales, int frameSize, float[] out) {
        KernelArguments.frames(out.length, frameScales.length, frameSize);
        onScratch(cond, uncond, out, (s, a, b) -> s.guidance(a, b, frameScales, frameSize, b));
    }

    @Override
    public void channelStats(float[] x, LatentShape shape, int fromFrame, int toFrame, double[] mean, double[] std) {
        KernelArguments.shape(x, shape);
        KernelArguments.channelStats(shape, fromFrame, toFrame, mean, std);
        onScratch(null, x, null, (s, a, b) -> s.channelStats(b, shape, fromFrame, toFrame, mean, std));
    }

    @Override
    public void affine(float[] x, LatentShape shape, float[] scale, float[] shift, float[] out) {
        KernelArguments.shape(x, shape);
        KernelArguments.perChannel(shape, scale, shift);
        onScratch(null, x, out, (s, a, b) -> s.affine(b, shape, scale, shift, b));
    }

    /** A kernel on the two tensors of a scratch; the result, if any, is in the second. */
    @FunctionalInterface
    private interface ScratchKernel {
        void run(Nd4jScope scope, Nd4jTensor a, Nd4jTensor b);
    }

    /**
     * Copies {@code x} (if given) and {@code y} into a borrowed scratch, runs the scope's kernel there and copies the
     * second tensor into {@code out} (if given): the float[] SPI as the scope's arithmetic plus host copies.
     */
    private void onScratch(float[] x, float[] y, float[] out, ScratchKernel kernel) {
        if (out != null) {
            sameLength(x == null ? y : x, y, out);
        }
        Scratch s = pool.borrow(y.length);
        try {
            if (x != null) {
                s.a.copyFrom(x);
            }
            s.b.copyFrom(y);
            kernel.run(s.scope, s.a, s.b);
            if (out != null) {
                s.b.copyTo(out);
            }
        } finally {
            pool.release(s);
        }
    }

    /** Bytes of native scratch memory held idle for reuse. */
    public long idleBytes() {
        return pool.idleBytes();
    }

    /** Frees the idle scratch memory now (it is re-created on the next call); the kernels stay usable. */
    public void trim() {
        pool.trim();
    }

    /** Frees all pooled native memory; later calls throw. Idempotent; calls in flight finish normally. */
    @Override
    public void close() {
        pool.close();
    }
}
