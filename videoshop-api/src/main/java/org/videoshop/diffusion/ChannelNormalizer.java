package org.videoshop.diffusion;

import org.videoshop.kernel.LatentKernels;
import org.videoshop.kernel.LatentScope;
import org.videoshop.kernel.LatentTensor;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Latents;

/**
 * The {@link LatentNormalizer} of the paper (per channel, population std), on any latent backend: the host forms run
 * the backend's {@code float[]} kernels, the tensor forms the scope's ({@link LatentScope#channelStats},
 * {@link LatentScope#affine}: no host copy). Both derive the affine maps in one place. Stateless apart from its
 * kernels.
 */
public final class ChannelNormalizer implements LatentNormalizer {

    /** Added to a std before dividing by it (as the authors' code). */
    public static final double EPS = 1e-6;

    private final LatentKernels kernels;

    public ChannelNormalizer(LatentKernels kernels) {
        this.kernels = kernels;
    }

    /** A per-channel affine map x * scale[c] + shift[c]. */
    private record Affine(float[] scale, float[] shift) {
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
    public ChannelStats stats(LatentScope scope, LatentTensor x, LatentShape shape, int fromFrame, int toFrame) {
        int c = shape.channels();
        double[] mean = new double[c];
        double[] std = new double[c];
        scope.channelStats(x, shape, fromFrame, toFrame, mean, std);
        return new ChannelStats(mean, std);
    }

    @Override
    public void normalize(Latents x) {
        normalizeReturningStats(x);
    }

    @Override
    public void normalize(LatentScope scope, LatentTensor x, LatentShape shape) {
        Affine a = normalizing(stats(scope, x, shape, 0, shape.frames()));
        scope.affine(x, shape, a.scale(), a.shift(), x);
    }

    /** Normalises every channel over all frames and pixels to mean 0, std 1 (std + eps); returns the old stats. */
    public ChannelStats normalizeReturningStats(Latents x) {
        ChannelStats s = stats(x, 0, x.shape().frames());
        Affine a = normalizing(s);
        kernels.affine(x.data(), x.shape(), a.scale(), a.shift(), x.data());
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
        Affine a = rescaling(stats(x, 0, 1), target);
        kernels.affine(x.data(), x.shape(), a.scale(), a.shift(), x.data());
    }

    @Override
    public void rescaleFirstFrameTo(LatentScope scope, LatentTensor x, LatentShape shape, ChannelStats target) {
        Affine a = rescaling(stats(scope, x, shape, 0, 1), target);
        scope.affine(x, shape, a.scale(), a.shift(), x);
    }

    /** The map to mean 0 and std 1 per channel (std + eps). */
    private static Affine normalizing(ChannelStats s) {
        int c = s.channels();
        float[] scale = new float[c];
        float[] shift = new float[c];
        for (int i = 0; i < c; i++) {
            double inv = 1.0 / (s.std(i) + EPS);
            scale[i] = (float) inv;
            shift[i] = (float) (-s.mean(i) * inv);
        }
        return new Affine(scale, shift);
    }

    /** The map that gives statistics {@code first} those of {@code target}, per channel. */
    private static Affine rescaling(ChannelStats first, ChannelStats target) {
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
        return new Affine(scale, shift);
    }
}
