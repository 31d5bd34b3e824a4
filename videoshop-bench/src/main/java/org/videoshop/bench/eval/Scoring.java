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
     * @param framePsnr         per-frame PSNR, frames 0..T-1
     */
    record Scores(double psnr, double psnrEditRegion, double psnrOutsideRegion, double ssim, double[] framePsnr) {
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
        ImageMetrics.SquaredError all = ImageMetrics.SquaredError.NONE;
        ImageMetrics.SquaredError inside = ImageMetrics.SquaredError.NONE;
        ImageMetrics.SquaredError outside = ImageMetrics.SquaredError.NONE;
        double ssim = 0;
        for (int t = 0; t < frames; t++) {
            Frame o = out.frame(t);
            Frame g = truth.frame(t);
            ImageMetrics.SquaredError e = ImageMetrics.SquaredError.of(o, g, null);
            perFrame[t] = e.psnr();
            if (t == 0) {
                continue;
            }
            boolean[] region = c.region(t);
            boolean[] rest = new boolean[region.length];
            for (int i = 0; i < region.length; i++) {
                rest[i] = !region[i];
            }
            all = all.plus(e);
            inside = inside.plus(ImageMetrics.SquaredError.of(o, g, region));
            outside = outside.plus(ImageMetrics.SquaredError.of(o, g, rest));
            ssim += ImageMetrics.ssim(o, g);
        }
        return new Scores(all.psnr(), inside.psnr(), outside.psnr(), frames > 1 ? ssim / (frames - 1) : Double.NaN,
                perFrame);
    }

    /** The clip as 8-bit images would hold it (what {@link org.videoshop.VideoEditor} returns as images). */
    static Video quantize(Video v) {
        float[] d = v.data().clone();
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
