package org.videoshop.kernel;

import java.util.IdentityHashMap;
import java.util.Map;
import org.videoshop.tensor.LatentShape;

/**
 * {@link LatentKernels} computed through a backend's {@link LatentScope}: each call opens a scope, uploads its
 * arrays (the same array once, so in-place calls stay in place on the tensors), runs the scope's kernel and copies
 * the result out. With it the conformance suite checks the tensor SPI of every backend against the same formulas.
 */
public final class ScopedKernels implements LatentKernels {

    private final LatentKernels backend;

    public ScopedKernels(LatentKernels backend) {
        this.backend = backend;
    }

    /** The arrays of one call as tensors of one scope. */
    private static final class Call implements AutoCloseable {
        final LatentScope scope;
        final Map<float[], LatentTensor> tensors = new IdentityHashMap<>();

        Call(LatentKernels k) {
            scope = k.openScope();
        }

        LatentTensor t(float[] a) {
            return tensors.computeIfAbsent(a, scope::upload);
        }

        void out(float[] out) {
            tensors.get(out).copyTo(out);
        }

        @Override
        public void close() {
            scope.close();
        }
    }

    @Override
    public String name() {
        return backend.name();
    }

    @Override
    public void extrapolate(float[] x0, float[] x, float ratio, float cIn, float[] out) {
        try (Call c = new Call(backend)) {
            c.scope.extrapolate(c.t(x0), c.t(x), ratio, cIn, c.t(out));
            c.out(out);
        }
    }

    @Override
    public void perturb(float[] x0, float[] noise, float amplitude, float cIn, float[] out) {
        try (Call c = new Call(backend)) {
            c.scope.perturb(c.t(x0), c.t(noise), amplitude, cIn, c.t(out));
            c.out(out);
        }
    }

    @Override
    public void scale(float[] x, float s, float[] out) {
        try (Call c = new Call(backend)) {
            c.scope.scale(c.t(x), s, c.t(out));
            c.out(out);
        }
    }

    @Override
    public void inverseEulerStep(float[] x, float[] f, float sCur, float sNext, float cSkip, float cOut, float[] out) {
        try (Call c = new Call(backend)) {
            c.scope.inverseEulerStep(c.t(x), c.t(f), sCur, sNext, cSkip, cOut, c.t(out));
            c.out(out);
        }
    }

    @Override
    public void eulerStep(float[] x, float[] f, float sigma, float sNext, float cSkip, float cOut, float[] out) {
        try (Call c = new Call(backend)) {
            c.scope.eulerStep(c.t(x), c.t(f), sigma, sNext, cSkip, cOut, c.t(out));
            c.out(out);
        }
    }

    @Override
    public void guidance(float[] cond, float[] uncond, float[] frameScales, int frameSize, float[] out) {
        try (Call c = new Call(backend)) {
            c.scope.guidance(c.t(cond), c.t(uncond), frameScales, frameSize, c.t(out));
            c.out(out);
        }
    }

    @Override
    public void channelStats(float[] x, LatentShape shape, int fromFrame, int toFrame, double[] mean, double[] std) {
        try (Call c = new Call(backend)) {
            c.scope.channelStats(c.t(x), shape, fromFrame, toFrame, mean, std);
        }
    }

    @Override
    public void affine(float[] x, LatentShape shape, float[] scale, float[] shift, float[] out) {
        try (Call c = new Call(backend)) {
            c.scope.affine(c.t(x), shape, scale, shift, c.t(out));
            c.out(out);
        }
    }

    @Override
    public void blend(float[] a, float[] b, float[] weight, float[] out) {
        try (Call c = new Call(backend)) {
            c.scope.blend(c.t(a), c.t(b), c.t(weight), c.t(out));
            c.out(out);
        }
    }
}
