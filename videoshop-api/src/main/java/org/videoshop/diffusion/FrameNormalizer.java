package org.videoshop.diffusion;

import org.videoshop.kernel.LatentKernels;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Latents;

/**
 * The authors' run.py normalisation: every frame to mean 0 and (unbiased) std 1 over its channels and pixels, std
 * + 1e-6. Applied to a single frame it is also their treatment of the inversion's conditioning latents (one scalar
 * mean and std over the frame). The final rescale is {@link ChannelNormalizer}'s. Stateless apart from its kernels.
 */
public final class FrameNormalizer implements LatentNormalizer {

    private final ChannelNormalizer channels;

    public FrameNormalizer(LatentKernels kernels) {
        this.channels = new ChannelNormalizer(kernels);
    }

    @Override
    public ChannelStats stats(Latents x, int fromFrame, int toFrame) {
        return channels.stats(x, fromFrame, toFrame);
    }

    @Override
    public void normalize(Latents x) {
        LatentShape s = x.shape();
        float[] d = x.data();
        int n = s.frameSize();
        for (int t = 0; t < s.frames(); t++) {
            int base = t * n;
            double sum = 0;
            for (int i = base; i < base + n; i++) {
                sum += d[i];
            }
            double mean = sum / n;
            double sq = 0;
            for (int i = base; i < base + n; i++) {
                double v = d[i] - mean;
                sq += v * v;
            }
            double std = n > 1 ? Math.sqrt(sq / (n - 1)) : 0;
            float m = (float) mean;
            float inv = (float) (1.0 / (std + ChannelNormalizer.EPS));
            for (int i = base; i < base + n; i++) {
                d[i] = (d[i] - m) * inv;
            }
        }
    }

    @Override
    public void rescaleFirstFrameTo(Latents x, ChannelStats target) {
        channels.rescaleFirstFrameTo(x, target);
    }
}
