package org.videoshop.pipeline;

import org.videoshop.kernel.LatentKernels;
import org.videoshop.model.Conditioning;
import org.videoshop.model.Denoiser;
import org.videoshop.tensor.LatentShape;

/**
 * F with classifier-free guidance applied: one denoiser call (batch of 2 where the model supports it), then the
 * per-frame guidance combine. Holds its scratch buffer, allocated once per edit.
 */
final class GuidedNetwork {
    private final Denoiser denoiser;
    private final LatentKernels kernels;
    private final LatentShape shape;
    private final Conditioning condition;
    private final Conditioning unconditional;
    private final float[] scales;
    private final boolean guided;
    private final float[] uncond;

    GuidedNetwork(Denoiser denoiser, LatentKernels kernels, LatentShape shape, Conditioning condition,
                  float[] scales) {
        this.denoiser = denoiser;
        this.kernels = kernels;
        this.shape = shape;
        this.condition = condition;
        this.scales = scales;
        this.guided = !Guidance.isIdentity(scales);
        this.unconditional = guided ? condition.unconditional() : null;
        this.uncond = guided ? new float[shape.size()] : null;
    }

    /** Writes F (guided) at the scaled input into {@code out}; fails naming the step if F is not finite. */
    void evaluate(float[] input, float cNoise, float[] out, StepContext ctx, int step) {
        long t0 = System.nanoTime();
        if (guided) {
            denoiser.predictGuided(shape, input, cNoise, condition, unconditional, out, uncond);
        } else {
            denoiser.predict(shape, input, cNoise, condition, out);
        }
        ctx.addModelTime(System.nanoTime() - t0);
        if (guided) {
            kernels.guidance(out, uncond, scales, shape.frameSize(), out);
        }
        for (int i = 0; i < out.length; i++) {
            if (!Float.isFinite(out[i])) {
                throw new IllegalStateException("Expected finite denoiser output at step " + step + " of "
                        + ctx.stage() + " (c_noise " + cNoise + ") but found " + out[i] + " at index " + i);
            }
        }
    }
}
