package org.videoshop.kernel;

import java.nio.FloatBuffer;
import org.videoshop.tensor.LatentShape;

/**
 * A {@link LatentScope} whose tensors are Java arrays, computed on by a {@link LatentKernels} over {@code float[]}:
 * the {@code java} backend's scope, and the default {@link LatentKernels#openScope()} of any backend that keeps
 * latents on the heap. {@link LatentTensor#buffer()} wraps the array (no copy). Not thread-safe.
 */
public final class HeapScope extends OwningScope<HeapScope.Heap> {

    private final LatentKernels kernels;

    public HeapScope(LatentKernels kernels) {
        super(Heap.class);
        this.kernels = kernels;
    }

    /** A tensor of this scope: its array. */
    static final class Heap implements LatentTensor {
        private float[] data;

        private final HeapScope owner;

        Heap(HeapScope owner, float[] data) {
            this.owner = owner;
            this.data = data;
        }

        float[] data() {
            if (data == null) {
                throw new IllegalStateException("Expected a tensor of an open scope but its scope is closed");
            }
            return data;
        }

        @Override
        public int size() {
            return data().length;
        }

        @Override
        public void copyTo(float[] dst) {
            float[] d = data();
            lengths(d.length, dst.length);
            System.arraycopy(d, 0, dst, 0, d.length);
            owner.counted();
        }

        @Override
        public void copyFrom(float[] src) {
            float[] d = data();
            lengths(d.length, src.length);
            System.arraycopy(src, 0, d, 0, d.length);
            owner.counted();
        }

        @Override
        public FloatBuffer buffer() {
            return FloatBuffer.wrap(data());
        }
    }

    private static void lengths(int tensor, int array) {
        if (tensor != array) {
            throw new IllegalArgumentException("Expected an array of " + tensor + " floats like the tensor but found "
                    + array);
        }
    }

    private float[] a(LatentTensor t) {
        return tensor(t).data();
    }

    @Override
    public String backend() {
        return kernels.name();
    }

    @Override
    public LatentTensor zeros(int size) {
        ensureOpen();
        if (size < 0) {
            throw new IllegalArgumentException("Expected a tensor size >= 0 but found " + size);
        }
        return own(new Heap(this, new float[size]));
    }

    @Override
    public LatentTensor upload(float[] values) {
        ensureOpen();
        Heap h = own(new Heap(this, values.clone()));
        counted();
        return h;
    }

    @Override
    public void copy(LatentTensor src, LatentTensor dst) {
        float[] s = a(src);
        float[] d = a(dst);
        lengths(s.length, d.length);
        System.arraycopy(s, 0, d, 0, s.length);
    }

    @Override
    public void extrapolate(LatentTensor x0, LatentTensor x, float ratio, float cIn, LatentTensor out) {
        kernels.extrapolate(a(x0), a(x), ratio, cIn, a(out));
    }

    @Override
    public void perturb(LatentTensor x0, LatentTensor noise, float amplitude, float cIn, LatentTensor out) {
        kernels.perturb(a(x0), a(noise), amplitude, cIn, a(out));
    }

    @Override
    public void scale(LatentTensor x, float c, LatentTensor out) {
        kernels.scale(a(x), c, a(out));
    }

    @Override
    public void inverseEulerStep(LatentTensor x, LatentTensor f, float sCur, float sNext, float cSkip, float cOut,
                                 LatentTensor out) {
        kernels.inverseEulerStep(a(x), a(f), sCur, sNext, cSkip, cOut, a(out));
    }

    @Override
    public void eulerStep(LatentTensor x, LatentTensor f, float sigma, float sNext, float cSkip, float cOut,
                          LatentTensor out) {
        kernels.eulerStep(a(x), a(f), sigma, sNext, cSkip, cOut, a(out));
    }

    @Override
    public void guidance(LatentTensor cond, LatentTensor uncond, float[] frameScales, int frameSize,
                         LatentTensor out) {
        kernels.guidance(a(cond), a(uncond), frameScales, frameSize, a(out));
    }

    @Override
    public void channelStats(LatentTensor x, LatentShape shape, int fromFrame, int toFrame, double[] mean,
                             double[] std) {
        kernels.channelStats(a(x), shape, fromFrame, toFrame, mean, std);
    }

    @Override
    public void affine(LatentTensor x, LatentShape shape, float[] scale, float[] shift, LatentTensor out) {
        kernels.affine(a(x), shape, scale, shift, a(out));
    }

    @Override
    public void blend(LatentTensor a, LatentTensor b, LatentTensor weight, LatentTensor out) {
        kernels.blend(a(a), a(b), a(weight), a(out));
    }

    @Override
    public double globalStd(LatentTensor x) {
        float[] d = a(x);
        double sum = 0;
        double sumSq = 0;
        for (float v : d) {
            sum += v;
            sumSq += (double) v * v;
        }
        double m = sum / d.length;
        return Math.sqrt(Math.max(0, sumSq / d.length - m * m));
    }

    @Override
    public int firstNonFinite(LatentTensor x) {
        float[] d = a(x);
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    protected void free(Heap h) {
        h.data = null;
    }
}
