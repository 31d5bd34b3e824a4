package org.videoshop.diffusion;

import org.videoshop.kernel.LatentKernels;
import org.videoshop.tensor.Latents;

/** The {@link LatentNormalizer} of the paper (per channel, population std), on any latent backend. Stateless apart from its kernels. */
public final class ChannelNormalizer implements LatentNormalizer {

    /** Added to a std before dividing by it (as the authors' code). */
    public static final double EPS = 1e-6;

    private final LatentKernels kernels;

    public ChannelNormalizer(LatentKernels kernels) {
        this.kernels = kernels;
    }

    @Override
    public ChannelStats stats(Latents x, int fromFrame, int toFrame) {
        int c = x.shape().channels();
        double[] mean = new double[c];
        double[] std = new double[c];
        kernels.channelStats(x.data(), x.shape(), fromFrame, toFrame, mean, std);
        return new ChannelStats(mean, std);
    }

    @Override
    public void normalize(Latents x) {
        normalizeReturningStats(x);
    }

    /** Normalises every channel over all frames and pixels to mean 0, std 1 (std + eps); returns the old stats. */
    public ChannelStats normalizeReturningStats(Latents x) {
        ChannelStats s = stats(x, 0, x.shape().frames());
        int c = s.channels();
        float[] scale = new float[c];
        float[] shift = new float[c];
        for (int i = 0; i < c; i++) {
            double inv = 1.0 / (s.std(i) + EPS);
            scale[i] = (float) inv;
            shift[i] = (float) (-s.mean(i) * inv);
        }
        kernels.affine(x.data(), x.shape(), scale, shift, x.data());
        return s;
    }

    /** Undoes {@link #normalizeReturningStats} given the stats it returned. */
    public void denormalize(Latents x, ChannelStats stats) {
        int c = stats.channels();
        float[] scale = new float[c];
        float[] shift = new float[c];
        for (int i = 0; i < c; i++) {
            scale[i] = (float) (stats.std(i) + EPS);
            shift[i] = (float) stats.mean(i);
        }
        kernels.affine(x.data(), x.shape(), scale, shift, x.data());
    }

    @Override
    public void rescaleFirstFrameTo(Latents x, ChannelStats target) {
        ChannelStats first = stats(x, 0, 1);
        int c = first.channels();
        if (target.channels() != c) {
            throw new IllegalArgumentException("Expected target stats for " + c + " channels but found "
                    + target.channels());
        }
        float[] scale = new float[c];
        float[] shift = new float[c];
        for (int i = 0; i < c; i++) {
            double a = target.std(i) / (first.std(i) + EPS);
            scale[i] = (float) a;
            shift[i] = (float) (target.mean(i) - first.mean(i) * a);
        }
        kernels.affine(x.data(), x.shape(), scale, shift, x.data());
    }
}
