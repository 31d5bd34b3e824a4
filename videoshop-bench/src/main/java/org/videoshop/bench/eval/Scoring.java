package org.videoshop.bench.eval;

import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Video;

/** Scores an output clip against a case's truth: the numbers of a {@link CaseResult}. Stateless. */
final class Scoring {

    /**
     * The scores of one output.
     *
     * @param psnr              pooled PSNR over frames 1..T-1
     * @param psnrEditRegion    inside the edited region
     * @param psnrOutsideRegion outside it
     * @param ssim              mean SSIM over frames 1..T-1
     * @param ssimEditRegion    mean SSIM of the windows centred in the region
     * @param ssimOutsideRegion mean SSIM of the windows centred outside it
     * @param framePsnr         per-frame PSNR, frames 0..T-1
     * @param frameRegionPsnr   per-frame PSNR in the region
     * @param frameOutsidePsnr  per-frame PSNR outside it
     */
    record Scores(double psnr, double psnrEditRegion, double psnrOutsideRegion, double ssim, double ssimEditRegion,
                  double ssimOutsideRegion, double[] framePsnr, double[] frameRegionPsnr, double[] frameOutsidePsnr) {
    }

    private Scoring() {
    }

    static Scores score(EvalCase c, Video out) {
        Video truth = c.truth();
        if (out.frames() != truth.frames() || out.width() != truth.width() || out.height() != truth.height()) {
            throw new IllegalArgumentException("Expected an output like the truth " + truth + " but found " + out);
        }
        int frames = truth.frames();
        double[] perFrame = new double[frames];
        double[] perFrameIn = new double[frames];
        double[] perFrameOut = new double[frames];
        ImageMetrics.SquaredError all = ImageMetrics.SquaredError.NONE;
        ImageMetrics.SquaredError inside = ImageMetrics.SquaredError.NONE;
        ImageMetrics.SquaredError outside = ImageMetrics.SquaredError.NONE;
        double[] ssim = new double[3];
        int[] ssimCount = new int[3];
        for (int t = 0; t < frames; t++) {
            Frame o = out.frame(t);
            Frame g = truth.frame(t);
            boolean[] region = c.region(t);
            boolean[] rest = new boolean[region.length];
            for (int i = 0; i < region.length; i++) {
                rest[i] = !region[i];
            }
            ImageMetrics.SquaredError e = ImageMetrics.SquaredError.of(o, g, null);
            ImageMetrics.SquaredError in = ImageMetrics.SquaredError.of(o, g, region);
            ImageMetrics.SquaredError away = ImageMetrics.SquaredError.of(o, g, rest);
            perFrame[t] = e.psnr();
            perFrameIn[t] = in.psnr();
            perFrameOut[t] = away.psnr();
            if (t == 0) {
                continue;
            }
            all = all.plus(e);
            inside = inside.plus(in);
            outside = outside.plus(away);
            ImageMetrics.SsimParts parts = ImageMetrics.ssim(o, g, region);
            double[] v = {parts.whole(), parts.inside(), parts.outside()};
            for (int k = 0; k < 3; k++) {
                if (!Double.isNaN(v[k])) {
                    ssim[k] += v[k];
                    ssimCount[k]++;
                }
            }
        }
        return new Scores(all.psnr(), inside.psnr(), outside.psnr(), mean(ssim[0], ssimCount[0]),
                mean(ssim[1], ssimCount[1]), mean(ssim[2], ssimCount[2]), perFrame, perFrameIn, perFrameOut);
    }

    private static double mean(double sum, int n) {
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The clip as 8-bit images would hold it (what {@link org.videoshop.VideoEditor} returns as images). */
    static Video quantize(Video v) {
        float[] d = v.data();
        for (int i = 0; i < d.length; i++) {
            float c = d[i] < 0f ? 0f : (d[i] > 1f ? 1f : d[i]);
            d[i] = Math.round(c * 255f) / 255f;
        }
        return new Video(v.frames(), v.height(), v.width(), d);
    }

    /** The edited first frame repeated over the clip's length. */
    static Video copyFirst(EvalCase c) {
        int fs = c.source().frameSize();
        float[] d = new float[c.source().frames() * fs];
        for (int t = 0; t < c.source().frames(); t++) {
            System.arraycopy(c.editedFirst().data(), 0, d, t * fs, fs);
        }
        return new Video(c.source().frames(), c.source().height(), c.source().width(), d);
    }
}
