package org.videoshop.pipeline;

import org.videoshop.InversionMode;
import org.videoshop.diffusion.Preconditioning;
import org.videoshop.kernel.LatentKernels;
import org.videoshop.kernel.LatentScope;
import org.videoshop.kernel.LatentTensor;
import org.videoshop.model.Conditioning;
import org.videoshop.model.Denoiser;
import org.videoshop.tensor.LatentShape;

/**
 * Diffusion inversion: walks the schedule's sigmas upward from x0 (at sigma 0) to the start level, taking the
 * exact inverse of each Euler step. The network's input at the unknown next point is estimated by Videoshop's
 * noise extrapolation (above the Sigma threshold: along the line from x0 through x; at or below it: x0 plus one
 * fixed Gaussian draw scaled to the level) or, in naive mode, by the current point. The steps run on a backend's
 * tensors ({@link LatentScope}); nothing is copied to the host per step except for an observer. Immutable.
 */
public final class Inversion extends OdeWalk {

    public Inversion(LatentKernels kernels, Denoiser denoiser, Preconditioning preconditioning) {
        super(kernels, denoiser, preconditioning);
    }

    /**
     * Inverts x0 on host arrays (a scope of its own, the trajectory copied out).
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
        try (LatentScope scope = kernels.openScope()) {
            LatentTensor[] levels = run(scope, shape, scope.upload(x0), sigmas, mode, threshold,
                    scope.upload(noise), condition, scales, true, ctx);
            float[][] out = new float[levels.length][];
            for (int i = 0; i < levels.length; i++) {
                out[i] = new float[shape.size()];
                levels[i].copyTo(out[i]);
            }
            return out;
        }
    }

    /**
     * Inverts x0 on the scope's tensors.
     *
     * @param x0             clean (normalised) latents; not modified
     * @param noise          the fixed standard Gaussian draw used at or below the threshold
     * @param keepTrajectory whether to keep the latents at every level (for masks and reusable inversions)
     * @return tensors of the scope, element i at {@code sigmas[i]}: element 0 is where generation starts, the last
     *         is x0 itself; the levels between are null unless {@code keepTrajectory}
     */
    public LatentTensor[] run(LatentScope scope, LatentShape shape, LatentTensor x0, double[] sigmas,
                              InversionMode mode, double threshold, LatentTensor noise, Conditioning condition,
                              float[] scales, boolean keepTrajectory, StepContext ctx) {
        int n = shape.size();
        LatentTensor x = scope.zeros(n);
        scope.copy(x0, x);
        Walk walk = begin(scope, shape, condition, scales, ctx);
        LatentTensor input = walk.input;
        float x0Std = mode == InversionMode.EXTRAPOLATED ? (float) scope.globalStd(x0) : 0f;
        int steps = sigmas.length - 1;
        LatentTensor[] trajectory = new LatentTensor[steps + 1];
        trajectory[steps] = x0;
        for (int k = 0; k < steps; k++) {
            double sCur = sigmas[steps - k];
            double sNext = sigmas[steps - k - 1];
            ctx.check(k + 1);
            float cIn = (float) pre.cIn(sNext);
            if (mode == InversionMode.NAIVE) {
                scope.scale(x, cIn, input);
            } else if (sCur > threshold) {
                scope.extrapolate(x0, x, (float) (sNext / sCur), cIn, input);
            } else {
                scope.perturb(x0, noise, (float) (sNext * x0Std), cIn, input);
            }
            walk.evaluate(sNext, k + 1);
            scope.inverseEulerStep(x, walk.f, (float) sCur, (float) sNext, (float) pre.cSkip(sNext),
                    (float) pre.cOut(sNext), x);
            if (keepTrajectory && k + 1 < steps) {
                LatentTensor level = scope.zeros(n);
                scope.copy(x, level);
                trajectory[steps - k - 1] = level;
            }
            walk.done(k + 1, steps, sNext, x);
        }
        trajectory[0] = x;
        return trajectory;
    }
}
