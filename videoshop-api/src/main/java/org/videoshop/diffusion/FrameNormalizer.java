package org.videoshop.diffusion;

import org.videoshop.kernel.LatentKernels;
import org.videoshop.kernel.LatentScope;
import org.videoshop.kernel.LatentTensor;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Latents;

/**
 * The authors' run.py normalisation: every frame to mean 0 and (unbiased) std 1 over its channels and pixels, std
 * + 1e-6. Applied to a single frame it is also their treatment of the inversion's conditioning latents (one scalar
 * mean and std over the frame). The final rescale is {@link ChannelNormalizer}'s. Stateless apart from its kernels.
 *
 * <p>The arithmetic is the scope's: the latents of T frames read as one frame of T "channels" of a frame's floats
 * each, so {@link LatentScope#channelStats} gives every frame's mean and population std in one call and
 * {@link LatentScope#affine} maps every frame with its own gain and offset (no host copy). The host form runs the
 * same on a scope of the kernels' backend.
 */
public final class FrameNormalizer implements LatentNormalizer {

    private final LatentKernels kernels;
    private final ChannelNormalizer channels;

    public FrameNormalizer(LatentKernels kernels) {
        this.kernels = kernels;
        this.channels = new ChannelNormalizer(kernels);
    }

    @Override
    public ChannelStats stats(Latents x, int fromFrame, int toFrame) {
        return channels.stats(x, fromFrame, toFrame);
    }

    @Override
    public ChannelStats stats(LatentScope scope, LatentTensor x, LatentShape shape, int fromFrame, int toFrame) {
        return channels.stats(scope, x, shape, fromFrame, toFrame);
    }

    @Override
    public void normalize(Latents x) {
        try (LatentScope scope = kernels.openScope()) {
            LatentTensor t = scope.upload(x.data());
            normalize(scope, t, x.shape());
            t.copyTo(x.data());
        }
    }

    @Override
    public void normalize(LatentScope scope, LatentTensor x, LatentShape shape) {
        int frames = shape.frames();
        int n = shape.frameSize();
        LatentShape framesAsChannels = new LatentShape(1, frames, 1, n);
        double[] mean = new double[frames];
        double[] std = new double[frames];
        scope.channelStats(x, framesAsChannels, 0, 1, mean, std);
        float[] scale = new float[frames];
        float[] shift = new float[frames];
        double unbiased = n > 1 ? Math.sqrt((double) n / (n - 1)) : 0;
        for (int t = 0; t < frames; t++) {
            double inv = 1.0 / (std[t] * unbiased + ChannelNormalizer.EPS);
            scale[t] = (float) inv;
            shift[t] = (float) (-mean[t] * inv);
        }
        scope.affine(x, framesAsChannels, scale, shift, x);
    }

    @Override
    public void rescaleFirstFrameTo(Latents x, ChannelStats target) {
        channels.rescaleFirstFrameTo(x, target);
    }

    @Override
    public void rescaleFirstFrameTo(LatentScope scope, LatentTensor x, LatentShape shape, ChannelStats target) {
        channels.rescaleFirstFrameTo(scope, x, shape, target);
    }
}
