package org.videoshop.pipeline;

import org.videoshop.diffusion.Preconditioning;
import org.videoshop.kernel.LatentKernels;
import org.videoshop.kernel.LatentScope;
import org.videoshop.kernel.LatentTensor;
import org.videoshop.model.Conditioning;
import org.videoshop.model.Denoiser;
import org.videoshop.tensor.LatentShape;

/**
 * What {@link Inversion} and {@link Generation} share: the kernels a host-array walk opens its scope on, the
 * denoiser and the EDM preconditioning, and per walk along the schedule ({@link Walk}) the network's input and
 * output tensors, the guided network, and the host copy an observer is shown. Immutable.
 */
abstract class OdeWalk {

    final LatentKernels kernels;
    final Preconditioning pre;
    final Denoiser denoiser;

    OdeWalk(LatentKernels kernels, Denoiser denoiser, Preconditioning preconditioning) {
        this.kernels = kernels;
        this.denoiser = denoiser;
        this.pre = preconditioning;
    }

    /** The tensors of one walk, made in {@code scope} (and closed with it). */
    final Walk begin(LatentScope scope, LatentShape shape, Conditioning condition, float[] scales, StepContext ctx) {
        return new Walk(scope, shape, condition, scales, ctx);
    }

    /** One walk's network input and output, guided network and observer copy. Not thread-safe. */
    final class Walk {
        /** The network's scaled input, written by the caller before {@link #evaluate}. */
        final LatentTensor input;
        /** F, the network's output, written by {@link #evaluate}. */
        final LatentTensor f;
        private final LatentShape shape;
        private final GuidedNetwork net;
        private final StepContext ctx;
        private final float[] observed;

        private Walk(LatentScope scope, LatentShape shape, Conditioning condition, float[] scales, StepContext ctx) {
            int n = shape.size();
            this.input = scope.zeros(n);
            this.f = scope.zeros(n);
            this.shape = shape;
            this.net = new GuidedNetwork(denoiser, scope, shape, condition, scales);
            this.ctx = ctx;
            this.observed = ctx.observing() ? new float[n] : null;
        }

        /** Writes F (guided) of {@link #input} at noise level {@code sigma} into {@link #f}. */
        void evaluate(double sigma, int step) {
            net.evaluate(input, (float) pre.cNoise(sigma), f, ctx, step);
        }

        /** Reports step {@code step} of {@code steps} done at {@code sigma}, showing x to an observer if any. */
        void done(int step, int steps, double sigma, LatentTensor x) {
            if (observed != null) {
                x.copyTo(observed);
            }
            ctx.stepDone(step, steps, sigma, shape, observed);
        }
    }
}
