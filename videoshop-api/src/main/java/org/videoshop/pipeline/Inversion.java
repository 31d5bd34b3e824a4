package org.videoshop.pipeline;

import org.videoshop.InversionMode;
import org.videoshop.diffusion.Preconditioning;
import org.videoshop.kernel.LatentKernels;
import org.videoshop.model.Conditioning;
import org.videoshop.model.Denoiser;
import org.videoshop.tensor.LatentShape;

/**
 * Diffusion inversion: walks the schedule's sigmas upward from x0 (at sigma 0) to the start level, taking the
 * exact inverse of each Euler step. The network's input at the unknown next point is estimated by Videoshop's
 * noise extrapolation (above the Sigma threshold: along the line from x0 through x; at or below it: x0 plus one
 * fixed Gaussian draw scaled to the level) or, in naive mode, by the current point. Immutable; {@link #run}
 * allocates its buffers once per call.
 */
public final class Inversion {

    private final LatentKernels kernels;
    private final Denoiser denoiser;
    private final Preconditioning pre;

    public Inversion(LatentKernels kernels, Denoiser denoiser, Preconditioning preconditioning) {
        this.kernels = kernels;
        this.denoiser = denoiser;
        this.pre = preconditioning;
    }

    /**
     * Inverts x0.
     *
     * @param shape     latent shape
     * @param x0        clean (normalised) latents; not modified
     * @param sigmas    the kept schedule, strictly decreasing, ending with 0
     * @param mode      extrapolated or naive
     * @param threshold Sigma: extrapolate only when the current level is above it
     * @param noise     the fixed standard Gaussian draw used at or below the threshold (shape.size() floats)
     * @param condition the source's conditioning
     * @param scales    per-frame guidance scales (all 1 for none)
     * @param ctx       progress, cancellation, observers
     * @return the trajectory, new arrays owned by the caller: element i holds the latents at {@code sigmas[i]}
     *         (element 0 is where generation starts, the last is a copy of x0)
     */
    public float[][] run(LatentShape shape, float[] x0, double[] sigmas, InversionMode mode, double threshold,
                       float[] noise, Conditioning condition, float[] scales, StepContext ctx) {
        int n = shape.size();
        float[] x = x0.clone();
        float[] input = new float[n];
        float[] f = new float[n];
        GuidedNetwork net = new GuidedNetwork(denoiser, kernels, shape, condition, scales);
        float x0Std = mode == InversionMode.EXTRAPOLATED ? (float) globalStd(x0) : 0f;
        int steps = sigmas.length - 1;
        float[][] trajectory = new float[steps + 1][];
        trajectory[steps] = x0.clone();
        for (int k = 0; k < steps; k++) {
            double sCur = sigmas[steps - k];
            double sNext = sigmas[steps - k - 1];
            ctx.check(k + 1);
            float cIn = (float) pre.cIn(sNext);
            if (mode == InversionMode.NAIVE) {
                kernels.scale(x, cIn, input);
            } else if (sCur > threshold) {
                kernels.extrapolate(x0, x, (float) (sNext / sCur), cIn, input);
            } else {
                kernels.perturb(x0, noise, (float) (sNext * x0Std), cIn, input);
            }
            net.evaluate(input, (float) pre.cNoise(sNext), f, ctx, k + 1);
            kernels.inverseEulerStep(x, f, (float) sCur, (float) sNext, (float) pre.cSkip(sNext),
                    (float) pre.cOut(sNext), x);
            trajectory[steps - k - 1] = x.clone();
            ctx.stepDone(k + 1, steps, sNext, shape, x);
        }
        return trajectory;
    }

    /** Standard deviation of all values (the scale of the fixed noise below the threshold). */
    static double globalStd(float[] x) {
        double sum = 0;
        double sumSq = 0;
        for (float v : x) {
            sum += v;
            sumSq += (double) v * v;
        }
        double m = sum / x.length;
        return Math.sqrt(Math.max(0, sumSq / x.length - m * m));
    }
}
