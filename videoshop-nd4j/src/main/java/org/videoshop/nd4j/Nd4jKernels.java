package org.videoshop.nd4j;

import static org.videoshop.kernel.KernelArguments.sameLength;

import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.videoshop.kernel.KernelArguments;
import org.videoshop.kernel.LatentKernels;
import org.videoshop.kernel.LatentScope;
import org.videoshop.tensor.LatentShape;

/**
 * The latent kernels on ND4J (backend {@code nd4j}). The SPI works on {@code float[]}, so each call copies its
 * inputs into native scratch vectors (one memcpy each), runs BLAS/ND4J ops in place there and copies the result
 * out: no array is allocated per call except small op descriptors and per-channel vectors, which are closed at
 * once. Scratch vectors are pooled by length and shared by all threads (each call borrows its own).
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
        // cIn (x0 + r (x - x0)) = cIn (1 - r) x0 + cIn r x
        axpby(x0, (double) cIn * (1.0 - ratio), x, (double) cIn * ratio, out);
    }

    @Override
    public void perturb(float[] x0, float[] noise, float amplitude, float cIn, float[] out) {
        axpby(x0, cIn, noise, (double) cIn * amplitude, out);
    }

    @Override
    public void scale(float[] x, float c, float[] out) {
        sameLength(x, x, out);
        Scratch s = pool.borrow(out.length);
        try {
            INDArray b = s.loadB(x);
            b.muli(c);
            s.storeB(out);
        } finally {
            pool.release(s);
        }
    }

    @Override
    public void inverseEulerStep(float[] x, float[] f, float sCur, float sNext, float cSkip, float cOut, float[] out) {
        float d = sCur - sNext;
        float inv = 1f / (d * (1f - cSkip) + sNext);
        axpby(x, sNext * inv, f, d * cOut * inv, out);
    }

    @Override
    public void eulerStep(float[] x, float[] f, float sigma, float sNext, float cSkip, float cOut, float[] out) {
        float h = (sNext - sigma) / sigma;
        axpby(x, 1f + h * (1f - cSkip), f, -h * cOut, out);
    }

    @Override
    public void guidance(float[] cond, float[] uncond, float[] frameScales, int frameSize, float[] out) {
        sameLength(cond, uncond, out);
        int frames = frameScales.length;
        KernelArguments.frames(out.length, frames, frameSize);
        Scratch s = pool.borrow(out.length);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
             INDArray g = Nd4j.create(frameScales, new long[] {frames, 1}, DataType.FLOAT)) {
            INDArray a = s.loadA(cond);
            INDArray b = s.loadB(uncond);
            // Three native passes; measured faster than one BLAS axpy per frame on views.
            a.subi(b);                                             // cond - uncond
            a.reshape('c', frames, frameSize).muliColumnVector(g); // g[t] (cond - uncond), through a view
            a.addi(b);
            s.storeA(out);
        } finally {
            pool.release(s);
        }
    }

    @Override
    public void channelStats(float[] x, LatentShape shape, int fromFrame, int toFrame, double[] mean, double[] std) {
        KernelArguments.shape(x, shape);
        KernelArguments.channelStats(shape, fromFrame, toFrame, mean, std);
        int channels = shape.channels();
        int plane = shape.planeSize();
        int rows = (toFrame - fromFrame) * channels;
        double[] sum = new double[channels];
        double[] sumSq = new double[channels];
        Scratch s = pool.borrow(x.length);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray d = s.doubles();
            d.assign(s.loadA(x));                               // float -> double in one native pass
            // One row per (frame, channel) plane of the range: a view of the scratch, not closed (shared buffer).
            INDArray planes = d.reshape('c', (long) shape.frames() * channels, plane)
                    .get(NDArrayIndex.interval((long) fromFrame * channels, (long) toFrame * channels),
                            NDArrayIndex.all());
            try (INDArray rowSum = planes.sum(1);
                 INDArray rowNorm = planes.norm2(1)) {
                for (int r = 0; r < rows; r++) {
                    double n2 = rowNorm.getDouble(r);
                    sum[r % channels] += rowSum.getDouble(r);
                    sumSq[r % channels] += n2 * n2;
                }
            }
        } finally {
            pool.release(s);
        }
        long count = (long) (toFrame - fromFrame) * plane;
        for (int c = 0; c < channels; c++) {
            double m = sum[c] / count;
            mean[c] = m;
            std[c] = Math.sqrt(Math.max(0.0, sumSq[c] / count - m * m));
        }
    }

    @Override
    public void affine(float[] x, LatentShape shape, float[] scale, float[] shift, float[] out) {
        KernelArguments.shape(x, shape);
        sameLength(x, x, out);
        KernelArguments.perChannel(shape, scale, shift);
        int channels = shape.channels();
        int planes = shape.frames() * channels;
        float[] colScale = new float[planes];
        float[] colShift = new float[planes];
        for (int r = 0; r < planes; r++) {
            colScale[r] = scale[r % channels];
            colShift[r] = shift[r % channels];
        }
        Scratch s = pool.borrow(x.length);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
             INDArray sc = Nd4j.create(colScale, new long[] {planes, 1}, DataType.FLOAT);
             INDArray sh = Nd4j.create(colShift, new long[] {planes, 1}, DataType.FLOAT)) {
            INDArray a = s.loadA(x);
            // One row per (frame, channel) plane: a view of the scratch, not closed (shared buffer).
            a.reshape('c', planes, shape.planeSize()).muliColumnVector(sc).addiColumnVector(sh);
            s.storeA(out);
        } finally {
            pool.release(s);
        }
    }

    /** out = alpha * x + beta * y, by BLAS scal and axpy on native copies; out may be x or y. */
    private void axpby(float[] x, double alpha, float[] y, double beta, float[] out) {
        sameLength(x, y, out);
        Scratch s = pool.borrow(out.length);
        try {
            INDArray a = s.loadA(x);
            INDArray b = s.loadB(y);
            Level1 blas = Nd4j.getBlasWrapper().level1();
            blas.scal(out.length, beta, b);
            blas.axpy(out.length, alpha, a, b);
            s.storeB(out);
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
