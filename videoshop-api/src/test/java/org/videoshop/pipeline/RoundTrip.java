package org.videoshop.pipeline;

import org.videoshop.InversionMode;
import org.videoshop.diffusion.InversionSchedule;
import org.videoshop.diffusion.KarrasSchedule;
import org.videoshop.diffusion.Preconditioning;
import org.videoshop.kernel.LatentKernels;
import org.videoshop.model.Conditioning;
import org.videoshop.tensor.LatentShape;
import org.videoshop.testing.GaussianMixtureDenoiser;

/** Inversion then generation with the analytic denoiser, measuring how far the result lands from x0. */
final class RoundTrip {
    static final LatentShape SHAPE = new LatentShape(4, 2, 4, 4);
    static final Conditioning COND = new Conditioning(new float[] {1f}, new float[SHAPE.frameSize()], 7, 127, 0.02);

    private RoundTrip() {
    }

    /** Root-mean-square error of invert-then-generate, relative to the RMS of x0. */
    static double relativeError(LatentKernels k, GaussianMixtureDenoiser mixture, float[] x0, int steps,
                                double strength, InversionMode mode, double threshold, long noiseSeed) {
        return relativeError(k, mixture, x0, KarrasSchedule.svd(steps, strength), mode, threshold, noiseSeed);
    }

    /** As above, on any schedule. */
    static double relativeError(LatentKernels k, GaussianMixtureDenoiser mixture, float[] x0,
                                InversionSchedule schedule, InversionMode mode, double threshold, long noiseSeed) {
        Preconditioning pre = Preconditioning.SVD;
        double[] sigmas = schedule.sigmas();
        float[] noise = org.videoshop.tensor.Noise.gaussian(SHAPE.size(), noiseSeed);
        float[] ones = Guidance.linear(1, 1, SHAPE.frames());
        float[] x = new Inversion(k, mixture, pre).run(SHAPE, x0, sigmas, mode, threshold, noise, COND, ones,
                StepContext.silent())[0];
        new Generation(k, mixture, pre).run(SHAPE, x, sigmas, COND, ones, StepContext.silent());
        double err = 0;
        double norm = 0;
        for (int i = 0; i < x.length; i++) {
            err += (x[i] - x0[i]) * (double) (x[i] - x0[i]);
            norm += x0[i] * (double) x0[i];
        }
        return Math.sqrt(err / norm);
    }
}
