package org.videoshop.onnx;

import java.util.ArrayList;
import java.util.List;
import org.videoshop.kernel.Backends;
import org.videoshop.kernel.LatentKernels;
import org.videoshop.tensor.LatentShape;

/**
 * The reference kernels, recording what the pipeline asked of them: the per-frame scales of every guidance combine
 * and, in order, which estimate each noise-extrapolated inversion step used ({@link #EXTRAPOLATE} above the
 * threshold Sigma, {@link #PERTURB} at or below it). Not thread-safe: one edit at a time.
 */
final class RecordingKernels implements LatentKernels {

    static final String EXTRAPOLATE = "extrapolate";
    static final String PERTURB = "perturb";

    private final LatentKernels k = Backends.kernels("java");
    final List<float[]> scales = new ArrayList<>();
    final List<String> inversionSteps = new ArrayList<>();

    @Override
    public String name() {
        return k.name();
    }

    @Override
    public void extrapolate(float[] x0, float[] x, float ratio, float cIn, float[] out) {
        inversionSteps.add(EXTRAPOLATE);
        k.extrapolate(x0, x, ratio, cIn, out);
    }

    @Override
    public void perturb(float[] x0, float[] noise, float amplitude, float cIn, float[] out) {
        inversionSteps.add(PERTURB);
        k.perturb(x0, noise, amplitude, cIn, out);
    }

    @Override
    public void scale(float[] x, float c, float[] out) {
        k.scale(x, c, out);
    }

    @Override
    public void inverseEulerStep(float[] x, float[] f, float sCur, float sNext, float cSkip, float cOut,
                                 float[] out) {
        k.inverseEulerStep(x, f, sCur, sNext, cSkip, cOut, out);
    }

    @Override
    public void eulerStep(float[] x, float[] f, float sigma, float sNext, float cSkip, float cOut, float[] out) {
        k.eulerStep(x, f, sigma, sNext, cSkip, cOut, out);
    }

    @Override
    public void guidance(float[] cond, float[] uncond, float[] frameScales, int frameSize, float[] out) {
        scales.add(frameScales.clone());
        k.guidance(cond, uncond, frameScales, frameSize, out);
    }

    @Override
    public void channelStats(float[] x, LatentShape shape, int fromFrame, int toFrame, double[] mean,
                             double[] std) {
        k.channelStats(x, shape, fromFrame, toFrame, mean, std);
    }

    @Override
    public void affine(float[] x, LatentShape shape, float[] scale, float[] shift, float[] out) {
        k.affine(x, shape, scale, shift, out);
    }

    @Override
    public void blend(float[] a, float[] b, float[] weight, float[] out) {
        k.blend(a, b, weight, out);
    }
}
