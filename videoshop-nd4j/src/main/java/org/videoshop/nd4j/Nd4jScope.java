package org.videoshop.nd4j;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.videoshop.kernel.KernelArguments;
import org.videoshop.kernel.LatentScope;
import org.videoshop.kernel.LatentTensor;
import org.videoshop.kernel.OwningScope;
import org.videoshop.tensor.LatentShape;

/**
 * The {@code nd4j} backend's {@link LatentScope}: each tensor is a float {@link INDArray} outside any workspace
 * ({@link Nd4jTensor}), computed on in place by BLAS (ND4J's level-1 wrapper: OpenBLAS on CPU, cuBLAS on CUDA) and a
 * few whole-array ND4J ops, freed when the scope closes. Per-frame and per-channel arithmetic (guidance, affine
 * rescale, channel statistics) is one BLAS call per frame or channel plane on views made once per tensor; nothing
 * per call goes through the host. Host copies happen only in {@link #upload}, {@link LatentTensor#copyTo} and
 * {@link LatentTensor#copyFrom} (counted here and in the {@link Nd4jKernels} that opened the scope);
 * {@link LatentTensor#buffer()} is a direct buffer over the native memory (no copy on CPU; on CUDA it brings the
 * host mirror up to date first). Not thread-safe.
 */
@SuppressWarnings("try") // scopeOutOfWorkspaces() is a scope guard, never referenced in the body
final class Nd4jScope extends OwningScope<Nd4jTensor> {

    /** Whether ND4J's arrays live in host memory (the CPU backend), where the blend may run by weight runs. */
    private static final boolean CPU = Nd4j.getEnvironment().isCPU();

    private final AtomicLong kernelTransfers;
    private final Map<Integer, INDArray> ones = new HashMap<>(4);
    private final Nd4jStats stats = new Nd4jStats();

    Nd4jScope(AtomicLong kernelTransfers) {
        super(Nd4jTensor.class);
        this.kernelTransfers = kernelTransfers;
    }

    @Override
    protected void counted() {
        super.counted();
        kernelTransfers.incrementAndGet();
    }

    /** For this scope's tensors: throws once the scope is closed. */
    void checkOpen() {
        ensureOpen();
    }

    private Nd4jTensor t(LatentTensor t) {
        return tensor(t);
    }

    /** An output tensor of this scope, marked as written. */
    private Nd4jTensor out(LatentTensor t) {
        return tensor(t).written();
    }

    private static void same(Nd4jTensor x, Nd4jTensor y, Nd4jTensor out) {
        if (x.size() != out.size() || y.size() != out.size()) {
            throw new IllegalArgumentException("Expected tensors of one length but found " + x.size() + ", "
                    + y.size() + " and " + out.size());
        }
    }

    private static void shaped(Nd4jTensor x, LatentShape shape) {
        if (x.size() != shape.size()) {
            throw new IllegalArgumentException("Expected " + shape.size() + " floats for shape " + shape
                    + " but found " + x.size());
        }
    }

    private static Level1 blas() {
        return Nd4j.getBlasWrapper().level1();
    }

    /** A vector of {@code n} ones owned by this scope (the other operand of the affine shift's BLAS axpy). */
    private INDArray ones(int n) {
        INDArray v = ones.get(n);
        if (v == null) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                v = Nd4j.ones(DataType.FLOAT, n);
            }
            ones.put(n, v);
        }
        return v;
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
        return add(false, size);
    }

    @Override
    public LatentTensor upload(float[] values) {
        ensureOpen();
        if (values.length < 1) {
            throw new IllegalArgumentException("Expected at least one value to upload but found none");
        }
        Nd4jTensor t = add(true, values.length);
        t.copyFrom(values);
        return t;
    }

    private Nd4jTensor add(boolean uninitialized, int size) {
        INDArray arr;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            arr = uninitialized ? Nd4j.createUninitialized(DataType.FLOAT, size) : Nd4j.create(DataType.FLOAT, size);
        }
        return own(new Nd4jTensor(this, arr));
    }

    @Override
    public void copy(LatentTensor src, LatentTensor dst) {
        Nd4jTensor s = t(src);
        Nd4jTensor d = out(dst);
        same(s, s, d);
        if (s != d) {
            blas().copy(s.array(), d.array());
        }
    }

    /**
     * out = alpha x + beta y: in place where out is x or y, a BLAS scal then a BLAS axpy; else ND4J's scaled copy
     * (one pass; a BLAS copy and scal are two, which measured slower on a loaded machine) then a BLAS axpy.
     */
    private void axpby(LatentTensor xt, double alpha, LatentTensor yt, double beta, LatentTensor outt) {
        Nd4jTensor xn = t(xt);
        Nd4jTensor yn = t(yt);
        Nd4jTensor on = out(outt);
        same(xn, yn, on);
        INDArray x = xn.array();
        INDArray y = yn.array();
        INDArray out = on.array();
        Level1 blas = blas();
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
        Nd4jTensor x = t(xt);
        Nd4jTensor out = out(outt);
        same(x, x, out);
        if (x == out) {
            blas().scal(out.size(), c, out.array());
        } else {
            x.array().mul(c, out.array()); // one pass (a BLAS copy and scal are two)
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

    /** u + g (c - u) = g c + (1 - g) u per frame: one BLAS scal and one axpy per frame, in place in the output. */
    @Override
    public void guidance(LatentTensor condT, LatentTensor uncondT, float[] frameScales, int frameSize,
                         LatentTensor outT) {
        Nd4jTensor cond = t(condT);
        Nd4jTensor uncond = t(uncondT);
        Nd4jTensor out = out(outT);
        same(cond, uncond, out);
        int frames = frameScales.length;
        KernelArguments.frames(out.size(), frames, frameSize);
        if (cond == uncond) {
            copy(cond, out); // u + g (c - u) = c
            return;
        }
        boolean intoUncond = out == uncond;
        Nd4jTensor other = intoUncond ? cond : uncond;
        if (out != cond && !intoUncond) {
            blas().copy(cond.array(), out.array());
        }
        INDArray[] o = out.rows(frameSize);
        INDArray[] p = other.rows(frameSize);
        Level1 blas = blas();
        for (int t = 0; t < frames; t++) {
            float g = frameScales[t];
            float keep = intoUncond ? 1f - g : g;
            float add = intoUncond ? g : 1f - g;
            if (keep != 1f) {
                blas.scal(frameSize, keep, o[t]);
            }
            if (add != 0f) {
                blas.axpy(frameSize, add, p[t], o[t]);
            }
        }
    }

    /** Per (frame, channel) plane: sum and sum of squares accumulated in double ({@link Nd4jStats}). */
    @Override
    public void channelStats(LatentTensor xt, LatentShape shape, int fromFrame, int toFrame, double[] mean,
                             double[] std) {
        Nd4jTensor x = t(xt);
        shaped(x, shape);
        KernelArguments.channelStats(shape, fromFrame, toFrame, mean, std);
        int channels = shape.channels();
        double[] sum = new double[channels];
        double[] sumSq = new double[channels];
        stats.add(x, shape.planeSize(), fromFrame * channels, toFrame * channels, channels, sum, sumSq);
        long count = (long) (toFrame - fromFrame) * shape.planeSize();
        for (int c = 0; c < channels; c++) {
            double m = sum[c] / count;
            mean[c] = m;
            std[c] = Math.sqrt(Math.max(0.0, sumSq[c] / count - m * m));
        }
    }

    /** Per (frame, channel) plane: one BLAS scal and one axpy with ones, in place in the output. */
    @Override
    public void affine(LatentTensor xt, LatentShape shape, float[] scale, float[] shift, LatentTensor outt) {
        Nd4jTensor x = t(xt);
        Nd4jTensor out = out(outt);
        same(x, x, out);
        shaped(x, shape);
        KernelArguments.perChannel(shape, scale, shift);
        if (out != x) {
            blas().copy(x.array(), out.array());
        }
        int channels = shape.channels();
        int plane = shape.planeSize();
        INDArray[] planes = out.rows(plane);
        INDArray one = ones(plane);
        Level1 blas = blas();
        for (int r = 0; r < planes.length; r++) {
            int c = r % channels;
            if (scale[c] != 1f) {
                blas.scal(plane, scale[c], planes[r]);
            }
            if (shift[c] != 0f) {
                blas.axpy(plane, shift[c], one, planes[r]);
            }
        }
    }

    /**
     * b + w (a - b). On CPU, where the weight's {@link WeightRuns} pay (an area-averaged mask: 0 or 1 but for its
     * edge), one pass by runs over host memory. Otherwise (a soft weight, or CUDA) three whole-array passes: the
     * difference in the output (BLAS axpy in place, else one ND4J op), one ND4J multiply (made once per output and
     * weight; BLAS has no fast element-wise product: sbmv, gbmv and tbmv with a diagonal band measured 5-60x
     * slower, and libnd4j has no fused three-operand op), one BLAS axpy.
     */
    @Override
    public void blend(LatentTensor at, LatentTensor bt, LatentTensor wt, LatentTensor outt) {
        Nd4jTensor an = t(at);
        Nd4jTensor bn = t(bt);
        Nd4jTensor wn = t(wt);
        Nd4jTensor on = out(outt);
        same(an, bn, on);
        same(wn, wn, on);
        if (on == bn || on == wn) {
            throw new IllegalArgumentException("Expected the blend output to be the first tensor or a fourth one");
        }
        if (an == bn) {
            copy(an, on); // b + w (b - b) = b
            return;
        }
        WeightRuns runs = CPU ? wn.weightRuns() : null;
        if (runs != null) {
            runs.blend(an.hostView(), bn.hostView(), wn.hostView(), on.hostView(), on == an);
            return;
        }
        INDArray b = bn.array();
        INDArray out = on.array();
        Level1 blas = blas();
        long n = out.length();
        if (on == an) {
            blas.axpy(n, -1.0, b, out);
        } else {
            Nd4j.getExecutioner().exec(new SubOp(an.array(), b, out));
        }
        Nd4j.getExecutioner().exec(on.timesInPlace(wn));
        blas.axpy(n, 1.0, b, out);
    }

    @Override
    public double globalStd(LatentTensor xt) {
        Nd4jTensor x = t(xt);
        double[] sum = new double[1];
        double[] sumSq = new double[1];
        stats.add(x, x.size(), 0, 1, 1, sum, sumSq);
        double n = x.size();
        double m = sum[0] / n;
        return Math.sqrt(Math.max(0, sumSq[0] / n - m * m));
    }

    @Override
    public int firstNonFinite(LatentTensor xt) {
        Nd4jTensor x = t(xt);
        // the sum of magnitudes is NaN or infinite when any value is (or, rarely, on overflow: then the scan finds none)
        return Double.isFinite(blas().asum(x.array())) ? -1 : x.firstNonFiniteOnHost();
    }

    @Override
    protected void free(Nd4jTensor t) {
        t.free();
    }

    @Override
    protected void freeOther() {
        for (INDArray v : ones.values()) {
            v.close();
        }
        ones.clear();
        stats.close();
    }
}
