package org.videoshop.nd4j;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.videoshop.kernel.KernelArguments;
import org.videoshop.kernel.LatentScope;
import org.videoshop.kernel.LatentTensor;
import org.videoshop.tensor.LatentShape;

/**
 * The {@code nd4j} backend's {@link LatentScope}: each tensor is a float {@link INDArray} outside any workspace,
 * computed on in place by BLAS and ND4J ops, freed when the scope closes. Host copies happen only in
 * {@link #upload}, {@link LatentTensor#copyTo} and {@link LatentTensor#copyFrom} (counted here and in the
 * {@link Nd4jKernels} that opened the scope); {@link LatentTensor#buffer()} is a direct buffer over the native
 * memory (no copy on CPU; on CUDA it brings the host mirror up to date first). Not thread-safe.
 */
@SuppressWarnings("try") // scopeOutOfWorkspaces() is a scope guard, never referenced in the body
final class Nd4jScope implements LatentScope {

    private final AtomicLong kernelTransfers;
    private final List<Tensor> tensors = new ArrayList<>();
    private INDArray doubles;
    private long transfers;
    private boolean closed;

    Nd4jScope(AtomicLong kernelTransfers) {
        this.kernelTransfers = kernelTransfers;
    }

    /** A tensor of this scope. */
    final class Tensor implements LatentTensor {
        private final INDArray array;
        private final int size;
        private FloatPointer pointer;

        Tensor(INDArray array, int size) {
            this.array = array;
            this.size = size;
        }

        Nd4jScope owner() {
            return Nd4jScope.this;
        }

        INDArray array() {
            ensureOpen();
            return array;
        }

        private FloatPointer host() {
            ensureOpen();
            Nd4j.getAffinityManager().ensureLocation(array, AffinityManager.Location.HOST);
            if (pointer == null) {
                pointer = new FloatPointer(array.data().addressPointer());
                pointer.capacity(size).limit(size);
            }
            return pointer;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public void copyTo(float[] dst) {
            lengths(size, dst.length);
            host().position(0).get(dst, 0, size);
            counted();
        }

        @Override
        public void copyFrom(float[] src) {
            lengths(size, src.length);
            host().position(0).put(src, 0, size);
            Nd4j.getAffinityManager().tagLocation(array, AffinityManager.Location.HOST);
            counted();
        }

        @Override
        public FloatBuffer buffer() {
            FloatBuffer b = host().position(0).asBuffer();
            // the network may write through the view: the host copy is now the truth (no-op on CPU)
            Nd4j.getAffinityManager().tagLocation(array, AffinityManager.Location.HOST);
            return b;
        }
    }

    private void counted() {
        transfers++;
        kernelTransfers.incrementAndGet();
    }

    private static void lengths(int tensor, int other) {
        if (tensor != other) {
            throw new IllegalArgumentException("Expected " + tensor + " floats like the tensor but found " + other);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("Expected an open latent scope but found it closed");
        }
    }

    private INDArray a(LatentTensor t) {
        ensureOpen();
        if (!(t instanceof Tensor n) || n.owner() != this) {
            throw new IllegalArgumentException("Expected a tensor of this nd4j scope but found "
                    + (t == null ? "null" : t.getClass().getName()));
        }
        return n.array();
    }

    private static void same(INDArray x, INDArray y, INDArray out) {
        if (x.length() != out.length() || y.length() != out.length()) {
            throw new IllegalArgumentException("Expected tensors of one length but found " + x.length() + ", "
                    + y.length() + " and " + out.length());
        }
    }

    @Override
    public String backend() {
        return Nd4jKernels.NAME;
    }

    @Override
    public LatentTensor zeros(int size) {
        ensureOpen();
        if (size < 1) {
            throw new IllegalArgumentException("Expected a tensor size >= 1 but found " + size);
        }
        INDArray arr;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            arr = Nd4j.create(DataType.FLOAT, size);
        }
        Tensor t = new Tensor(arr, size);
        tensors.add(t);
        return t;
    }

    @Override
    public LatentTensor upload(float[] values) {
        ensureOpen();
        if (values.length < 1) {
            throw new IllegalArgumentException("Expected at least one value to upload but found none");
        }
        INDArray arr;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            arr = Nd4j.createUninitialized(DataType.FLOAT, values.length);
        }
        Tensor t = new Tensor(arr, values.length);
        tensors.add(t);
        t.copyFrom(values);
        return t;
    }

    @Override
    public void copy(LatentTensor src, LatentTensor dst) {
        INDArray s = a(src);
        INDArray d = a(dst);
        same(s, s, d);
        if (s != d) {
            d.assign(s);
        }
    }

    /** out = alpha x + beta y, in place where out is x or y: two BLAS passes (scal or scaled copy, then axpy). */
    private void axpby(LatentTensor xt, double alpha, LatentTensor yt, double beta, LatentTensor outt) {
        INDArray x = a(xt);
        INDArray y = a(yt);
        INDArray out = a(outt);
        same(x, y, out);
        Level1 blas = Nd4j.getBlasWrapper().level1();
        long n = out.length();
        if (out == x && out == y) {
            blas.scal(n, alpha + beta, out);
        } else if (out == y) {
            blas.scal(n, beta, out);
            blas.axpy(n, alpha, x, out);
        } else if (out == x) {
            blas.scal(n, alpha, out);
            blas.axpy(n, beta, y, out);
        } else {
            y.mul(beta, out);
            blas.axpy(n, alpha, x, out);
        }
    }

    @Override
    public void extrapolate(LatentTensor x0, LatentTensor x, float ratio, float cIn, LatentTensor out) {
        // cIn (x0 + r (x - x0)) = cIn (1 - r) x0 + cIn r x
        axpby(x0, (double) cIn * (1.0 - ratio), x, (double) cIn * ratio, out);
    }

    @Override
    public void perturb(LatentTensor x0, LatentTensor noise, float amplitude, float cIn, LatentTensor out) {
        axpby(x0, cIn, noise, (double) cIn * amplitude, out);
    }

    @Override
    public void scale(LatentTensor xt, float c, LatentTensor outt) {
        INDArray x = a(xt);
        INDArray out = a(outt);
        same(x, x, out);
        if (x == out) {
            x.muli(c);
        } else {
            x.mul(c, out);
        }
    }

    @Override
    public void inverseEulerStep(LatentTensor x, LatentTensor f, float sCur, float sNext, float cSkip, float cOut,
                                 LatentTensor out) {
        float d = sCur - sNext;
        float inv = 1f / (d * (1f - cSkip) + sNext);
        axpby(x, sNext * inv, f, d * cOut * inv, out);
    }

    @Override
    public void eulerStep(LatentTensor x, LatentTensor f, float sigma, float sNext, float cSkip, float cOut,
                          LatentTensor out) {
        float h = (sNext - sigma) / sigma;
        axpby(x, 1f + h * (1f - cSkip), f, -h * cOut, out);
    }

    @Override
    public void guidance(LatentTensor condT, LatentTensor uncondT, float[] frameScales, int frameSize,
                         LatentTensor outT) {
        INDArray cond = a(condT);
        INDArray uncond = a(uncondT);
        INDArray out = a(outT);
        same(cond, uncond, out);
        int frames = frameScales.length;
        KernelArguments.frames((int) out.length(), frames, frameSize);
        boolean intoUncond = out == uncond;
        float[] perFrame = frameScales.clone();
        if (intoUncond) {
            for (int t = 0; t < frames; t++) {
                perFrame[t] = 1f - frameScales[t]; // u + g (c - u) = c + (1 - g) (u - c)
            }
        }
        INDArray base = intoUncond ? cond : uncond;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
             INDArray g = Nd4j.create(perFrame, new long[] {frames, 1}, DataType.FLOAT)) {
            if (out != cond && !intoUncond) {
                out.assign(cond);
            }
            out.subi(base);                                          // cond - uncond (or uncond - cond)
            out.reshape('c', frames, frameSize).muliColumnVector(g); // per frame, through a view
            out.addi(base);
        }
    }

    @Override
    public void channelStats(LatentTensor xt, LatentShape shape, int fromFrame, int toFrame, double[] mean,
                             double[] std) {
        INDArray x = a(xt);
        if (x.length() != shape.size()) {
            throw new IllegalArgumentException("Expected " + shape.size() + " floats for shape " + shape
                    + " but found " + x.length());
        }
        KernelArguments.channelStats(shape, fromFrame, toFrame, mean, std);
        int channels = shape.channels();
        int plane = shape.planeSize();
        int rows = (toFrame - fromFrame) * channels;
        double[] sum = new double[channels];
        double[] sumSq = new double[channels];
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray d = doubles(shape.size());
            d.assign(x);                                        // float -> double in one native pass
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
        }
        long count = (long) (toFrame - fromFrame) * plane;
        for (int c = 0; c < channels; c++) {
            double m = sum[c] / count;
            mean[c] = m;
            std[c] = Math.sqrt(Math.max(0.0, sumSq[c] / count - m * m));
        }
    }

    /** This scope's double scratch of {@code n} values (statistics accumulate in double), made on first use. */
    private INDArray doubles(int n) {
        if (doubles == null || doubles.length() != n) {
            if (doubles != null) {
                doubles.close();
            }
            doubles = Nd4j.createUninitialized(DataType.DOUBLE, n);
        }
        return doubles;
    }

    @Override
    public void affine(LatentTensor xt, LatentShape shape, float[] scale, float[] shift, LatentTensor outt) {
        INDArray x = a(xt);
        INDArray out = a(outt);
        same(x, x, out);
        if (x.length() != shape.size()) {
            throw new IllegalArgumentException("Expected " + shape.size() + " floats for shape " + shape
                    + " but found " + x.length());
        }
        KernelArguments.perChannel(shape, scale, shift);
        int channels = shape.channels();
        int planes = shape.frames() * channels;
        float[] colScale = new float[planes];
        float[] colShift = new float[planes];
        for (int r = 0; r < planes; r++) {
            colScale[r] = scale[r % channels];
            colShift[r] = shift[r % channels];
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
             INDArray sc = Nd4j.create(colScale, new long[] {planes, 1}, DataType.FLOAT);
             INDArray sh = Nd4j.create(colShift, new long[] {planes, 1}, DataType.FLOAT)) {
            if (out != x) {
                out.assign(x);
            }
            out.reshape('c', planes, shape.planeSize()).muliColumnVector(sc).addiColumnVector(sh);
        }
    }

    @Override
    public void blend(LatentTensor at, LatentTensor bt, LatentTensor wt, LatentTensor outt) {
        INDArray a = a(at);
        INDArray b = a(bt);
        INDArray w = a(wt);
        INDArray out = a(outt);
        same(a, b, out);
        same(w, w, out);
        if (out == b || out == w) {
            throw new IllegalArgumentException("Expected the blend output to be the first tensor or a fourth one");
        }
        if (out != a) {
            out.assign(a);
        }
        out.subi(b).muli(w).addi(b); // b + w (a - b)
    }

    @Override
    public double globalStd(LatentTensor xt) {
        INDArray x = a(xt);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray d = doubles((int) x.length());
            d.assign(x);
            double n = x.length();
            double m = d.sumNumber().doubleValue() / n;
            double norm = d.norm2Number().doubleValue();
            return Math.sqrt(Math.max(0, norm * norm / n - m * m));
        }
    }

    @Override
    public int firstNonFinite(LatentTensor xt) {
        INDArray x = a(xt);
        double sum = x.sumNumber().doubleValue(); // NaN or infinite when any value is (or, rarely, on overflow)
        if (Double.isFinite(sum)) {
            return -1;
        }
        FloatBuffer b = ((Tensor) xt).host().position(0).asBuffer();
        for (int i = 0; i < b.limit(); i++) {
            if (!Float.isFinite(b.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public long hostTransfers() {
        return transfers;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Tensor t : tensors) {
            t.array.close();
        }
        tensors.clear();
        if (doubles != null) {
            doubles.close();
            doubles = null;
        }
    }
}
