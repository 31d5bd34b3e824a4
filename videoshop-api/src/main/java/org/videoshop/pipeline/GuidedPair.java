package org.videoshop.pipeline;

import java.nio.FloatBuffer;
import org.videoshop.kernel.LatentScope;
import org.videoshop.kernel.LatentTensor;
import org.videoshop.model.Conditioning;
import org.videoshop.model.Denoiser;
import org.videoshop.tensor.LatentShape;

/**
 * F with classifier-free guidance for two generations at the same noise level (detail mode's reconstruction and
 * edit), in one denoiser call: a batch of 4 (each generation's unconditional then conditional branch, diffusers'
 * order) with guidance, of 2 without. Holds its unconditional tensors, made once per loop in the loop's scope.
 */
final class GuidedPair {
    private final Denoiser denoiser;
    private final LatentScope scope;
    private final LatentShape shape;
    private final Conditioning[] conditions;
    private final float[] scales;
    private final boolean guided;
    private final LatentTensor uncondA;
    private final LatentTensor uncondB;

    GuidedPair(Denoiser denoiser, LatentScope scope, LatentShape shape, Conditioning a, Conditioning b,
               float[] scales) {
        this.denoiser = denoiser;
        this.scope = scope;
        this.shape = shape;
        this.scales = scales;
        this.guided = !Guidance.isIdentity(scales);
        this.conditions = guided ? new Conditioning[] {a.unconditional(), a, b.unconditional(), b}
                : new Conditioning[] {a, b};
        this.uncondA = guided ? scope.zeros(shape.size()) : null;
        this.uncondB = guided ? scope.zeros(shape.size()) : null;
    }

    /** Writes F (guided) at each scaled input into its output; fails naming the step if F is not finite. */
    void evaluate(LatentTensor inA, LatentTensor inB, float cNoise, LatentTensor outA, LatentTensor outB,
                  StepContext ctx, int step) {
        long t0 = System.nanoTime();
        if (guided) {
            denoiser.predictBatch(shape, new FloatBuffer[] {inA.buffer(), inA.buffer(), inB.buffer(), inB.buffer()},
                    cNoise, conditions, new FloatBuffer[] {uncondA.buffer(), outA.buffer(), uncondB.buffer(),
                            outB.buffer()});
        } else {
            denoiser.predictBatch(shape, new FloatBuffer[] {inA.buffer(), inB.buffer()}, cNoise, conditions,
                    new FloatBuffer[] {outA.buffer(), outB.buffer()});
        }
        ctx.addModelTime(System.nanoTime() - t0);
        if (guided) {
            scope.guidance(outA, uncondA, scales, shape.frameSize(), outA);
            scope.guidance(outB, uncondB, scales, shape.frameSize(), outB);
        }
        for (LatentTensor out : new LatentTensor[] {outA, outB}) {
            int bad = scope.firstNonFinite(out);
            if (bad >= 0) {
                throw new IllegalStateException("Expected finite denoiser output at step " + step + " of "
                        + ctx.stage() + " (c_noise " + cNoise + ") but found " + out.buffer().get(bad)
                        + " at index " + bad);
            }
        }
    }
}
