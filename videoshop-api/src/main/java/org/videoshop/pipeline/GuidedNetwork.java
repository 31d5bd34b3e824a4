package org.videoshop.pipeline;

import org.videoshop.kernel.LatentScope;
import org.videoshop.kernel.LatentTensor;
import org.videoshop.model.Conditioning;
import org.videoshop.model.Denoiser;
import org.videoshop.tensor.LatentShape;

/**
 * F with classifier-free guidance applied: one denoiser call (batch of 2 where the model supports it) through the
 * tensors' buffers (the network boundary), then the per-frame guidance combine on the backend. Holds its
 * unconditional tensor, made once per loop in the loop's scope.
 */
final class GuidedNetwork {
    private final Denoiser denoiser;
    private final LatentScope scope;
    private final LatentShape shape;
    private final Conditioning condition;
    private final Conditioning unconditional;
    private final float[] scales;
    private final boolean guided;
    private final LatentTensor uncond;

    GuidedNetwork(Denoiser denoiser, LatentScope scope, LatentShape shape, Conditioning condition, float[] scales) {
        this.denoiser = denoiser;
        this.scope = scope;
        this.shape = shape;
        this.condition = condition;
        this.scales = scales;
        this.guided = !Guidance.isIdentity(scales);
        this.unconditional = guided ? condition.unconditional() : null;
        this.uncond = guided ? scope.zeros(shape.size()) : null;
    }

    /** Writes F (guided) at the scaled input into {@code out}; fails naming the step if F is not finite. */
    void evaluate(LatentTensor input, float cNoise, LatentTensor out, StepContext ctx, int step) {
        long t0 = System.nanoTime();
        if (guided) {
            denoiser.predictGuided(shape, input.buffer(), cNoise, condition, unconditional, out.buffer(),
                    uncond.buffer());
        } else {
            denoiser.predict(shape, input.buffer(), cNoise, condition, out.buffer());
        }
        ctx.addModelTime(System.nanoTime() - t0);
        if (guided) {
            scope.guidance(out, uncond, scales, shape.frameSize(), out);
        }
        int bad = scope.firstNonFinite(out);
        if (bad >= 0) {
            throw new IllegalStateException("Expected finite denoiser output at step " + step + " of "
                    + ctx.stage() + " (c_noise " + cNoise + ") but found " + out.buffer().get(bad) + " at index "
                    + bad);
        }
    }
}
