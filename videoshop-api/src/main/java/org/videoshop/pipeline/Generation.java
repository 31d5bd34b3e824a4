package org.videoshop.pipeline;

import org.videoshop.diffusion.Preconditioning;
import org.videoshop.kernel.LatentKernels;
import org.videoshop.model.Conditioning;
import org.videoshop.model.Denoiser;
import org.videoshop.tensor.LatentShape;

/**
 * The Euler sampler of the probability-flow ODE, down the schedule's sigmas, with classifier-free guidance per
 * frame. Immutable; {@link #run} allocates its buffers once per call.
 */
public final class Generation {

    private final LatentKernels kernels;
    private final Denoiser denoiser;
    private final Preconditioning pre;

    public Generation(LatentKernels kernels, Denoiser denoiser, Preconditioning preconditioning) {
        this.kernels = kernels;
        this.denoiser = denoiser;
        this.pre = preconditioning;
    }

    /**
     * Samples in place from {@code x} at {@code sigmas[0]} down to sigma 0.
     *
     * @param x      latents at the start level; overwritten with the result
     * @param sigmas strictly decreasing, ending with 0
     * @param scales per-frame guidance scales
     */
    public void run(LatentShape shape, float[] x, double[] sigmas, Conditioning condition, float[] scales,
                    StepContext ctx) {
        run(shape, x, sigmas, condition, scales, null, null, ctx);
    }

    /**
     * As {@link #run(LatentShape, float[], double[], Conditioning, float[], StepContext)}, and after each step
     * blends x with the source's inversion trajectory where {@code latentMask} is below 1: the unmasked region
     * follows the source's own path through the noise levels.
     *
     * @param latentMask per-element weights (1 = free to change), or null for no mask
     * @param trajectory latents of the source at each sigma ({@code trajectory[i]} at {@code sigmas[i]})
     */
    public void run(LatentShape shape, float[] x, double[] sigmas, Conditioning condition, float[] scales,
                    float[] latentMask, float[][] trajectory, StepContext ctx) {
        int n = shape.size();
        float[] input = new float[n];
        float[] f = new float[n];
        GuidedNetwork net = new GuidedNetwork(denoiser, kernels, shape, condition, scales);
        int steps = sigmas.length - 1;
        for (int k = 0; k < steps; k++) {
            double s = sigmas[k];
            double sNext = sigmas[k + 1];
            ctx.check(k + 1);
            kernels.scale(x, (float) pre.cIn(s), input);
            net.evaluate(input, (float) pre.cNoise(s), f, ctx, k + 1);
            kernels.eulerStep(x, f, (float) s, (float) sNext, (float) pre.cSkip(s), (float) pre.cOut(s), x);
            if (latentMask != null) {
                kernels.blend(x, trajectory[k + 1], latentMask, x);
            }
            ctx.stepDone(k + 1, steps, sNext, shape, x);
        }
    }
}
