package example.custom;

import java.util.Arrays;
import org.videoshop.diffusion.ChannelNormalizer;
import org.videoshop.diffusion.ChannelStats;
import org.videoshop.diffusion.LatentNormalizer;
import org.videoshop.diffusion.NormalizerProvider;
import org.videoshop.kernel.LatentKernels;
import org.videoshop.tensor.Latents;

/**
 * A normalisation a user adds, written against the public API only: the whole clip to one mean 0 and std 1 over
 * all frames, channels and pixels (a single gain and offset, so the channels keep their relative scale), on the
 * backend's kernels; statistics and the final rescale per channel as the built-ins. Registered as
 * {@code per-video} in this module's test {@code META-INF/services}. Stateless apart from its kernels.
 */
public final class VideoNormalizer implements LatentNormalizer {

    private final LatentKernels kernels;
    private final ChannelNormalizer channels;

    VideoNormalizer(LatentKernels kernels) {
        this.kernels = kernels;
        this.channels = new ChannelNormalizer(kernels);
    }

    @Override
    public ChannelStats stats(Latents x, int fromFrame, int toFrame) {
        return channels.stats(x, fromFrame, toFrame);
    }

    @Override
    public void normalize(Latents x) {
        float[] d = x.data();
        double sum = 0;
        for (float v : d) {
            sum += v;
        }
        double mean = sum / d.length;
        double sq = 0;
        for (float v : d) {
            sq += (v - mean) * (v - mean);
        }
        double inv = 1 / (Math.sqrt(sq / d.length) + ChannelNormalizer.EPS);
        int c = x.shape().channels();
        float[] scale = new float[c];
        float[] shift = new float[c];
        Arrays.fill(scale, (float) inv);
        Arrays.fill(shift, (float) (-mean * inv));
        kernels.affine(d, x.shape(), scale, shift, d);
    }

    @Override
    public void rescaleFirstFrameTo(Latents x, ChannelStats target) {
        channels.rescaleFirstFrameTo(x, target);
    }

    /** The provider: name {@code per-video}, rank 10. */
    public static final class Provider implements NormalizerProvider {
        @Override
        public String name() {
            return "per-video";
        }

        @Override
        public int rank() {
            return 10;
        }

        @Override
        public LatentNormalizer create(LatentKernels kernels) {
            return new VideoNormalizer(kernels);
        }
    }
}
