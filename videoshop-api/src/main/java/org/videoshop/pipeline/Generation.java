package org.videoshop.pipeline;

import org.videoshop.diffusion.Preconditioning;
import org.videoshop.kernel.LatentKernels;
import org.videoshop.kernel.LatentScope;
import org.videoshop.kernel.LatentTensor;
import org.videoshop.model.Conditioning;
import org.videoshop.model.Denoiser;
import org.videoshop.tensor.LatentShape;

/**
 * The Euler sampler of the probability-flow ODE, down the schedule's sigmas, with classifier-free guidance per
 * frame, on a backend's tensors ({@link LatentScope}); nothing is copied to the host per step except for an
 * observer. Immutable.
 */
public final class Generation extends OdeWalk {

    public Generation(LatentKernels kernels, Denoiser denoiser, Preconditioning preconditioning) {
        super(kernels, denoiser, preconditioning);
    }

    /**
     * Samples in place from {@code x} at {@code sigmas[0]} down to sigma 0, on host arrays (a scope of its own).
     *
     * @param x      latents at the start level; overwritten with the result
     * @param sigmas strictly decreasing, ending with 0
     * @param scales per-frame guidance scales
     */
    public void run(LatentShape shape, float[] x, double[] sigmas, Conditioning condition, float[] scales,
                    StepContext ctx) {
        try (LatentScope scope = kernels.openScope()) {
            LatentTensor t = scope.upload(x);
            run(scope, shape, t, sigmas, condition, scales, null, null, ctx);
            t.copyTo(x);
        }
    }

    /**
     * Samples in place on the scope's tensors and, where {@code latentMask} is below 1, blends x after each step
     * with the source's inversion trajectory: the unmasked region follows the source's own path through the noise
     * levels.
     *
     * @param x          latents at the start level; overwritten with the result
     * @param latentMask per-element weights (1 = free to change), or null for no mask
     * @param trajectory latents of the source at each sigma ({@code trajectory[i]} at {@code sigmas[i]}); used
     *                   only with a mask
     */
    public void run(LatentScope scope, LatentShape shape, LatentTensor x, double[] sigmas, Conditioning condition,
                    float[] scales, LatentTensor latentMask, LatentTensor[] trajectory, StepContext ctx) {
        Walk walk = begin(scope, shape, condition, scales, ctx);
        int steps = sigmas.length - 1;
        for (int k = 0; k < steps; k++) {
            double s = sigmas[k];
            double sNext = sigmas[k + 1];
            ctx.check(k + 1);
            scope.scale(x, (float) pre.cIn(s), walk.input);
            walk.evaluate(s, k + 1);
            scope.eulerStep(x, walk.f, (float) s, (float) sNext, (float) pre.cSkip(s), (float) pre.cOut(s), x);
            if (latentMask != null) {
                scope.blend(x, trajectory[k + 1], latentMask, x);
            }
            walk.done(k + 1, steps, sNext, x);
        }
    }

    /**
     * Two samplings in lockstep from their own start latents down the same sigmas, each with its condition (detail
     * mode's reconstruction and edit), one denoiser call per step for both ({@link GuidedPair}); no mask. Reported as
     * the current stage with two steps per level (the caller begins it with {@code 2 * (sigmas.length - 1)}).
     *
     * @param a latents at the start level; overwritten with the first sampling's result
     * @param b the same for the second
     */
    public void runPair(LatentScope scope, LatentShape shape, LatentTensor a, LatentTensor b, double[] sigmas,
                        Conditioning conditionA, Conditioning conditionB, float[] scales, StepContext ctx) {
        int n = shape.size();
        LatentTensor inA = scope.zeros(n);
        LatentTensor inB = scope.zeros(n);
        LatentTensor fA = scope.zeros(n);
        LatentTensor fB = scope.zeros(n);
        GuidedPair net = new GuidedPair(denoiser, scope, shape, conditionA, conditionB, scales);
        float[] observed = ctx.observing() ? new float[n] : null;
        int steps = sigmas.length - 1;
        for (int k = 0; k < steps; k++) {
            double s = sigmas[k];
            double sNext = sigmas[k + 1];
            ctx.check(2 * k + 1);
            scope.scale(a, (float) pre.cIn(s), inA);
            scope.scale(b, (float) pre.cIn(s), inB);
            net.evaluate(inA, inB, (float) pre.cNoise(s), fA, fB, ctx, k + 1);
            float cSkip = (float) pre.cSkip(s);
            float cOut = (float) pre.cOut(s);
            scope.eulerStep(a, fA, (float) s, (float) sNext, cSkip, cOut, a);
            scope.eulerStep(b, fB, (float) s, (float) sNext, cSkip, cOut, b);
            ctx.stepDone(2 * k + 1, 2 * steps, sNext, shape, null);
            if (observed != null) {
                b.copyTo(observed);
            }
            ctx.stepDone(2 * k + 2, 2 * steps, sNext, shape, observed);
        }
    }
}
