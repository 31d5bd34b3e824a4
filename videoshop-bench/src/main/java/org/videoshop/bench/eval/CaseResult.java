package org.videoshop.bench.eval;

/**
 * The scores of one method on one case, all against the truth over frames 1..T-1 (at the case's own size in the
 * full-resolution evaluation, at the model's in the ablation). PSNR values are +infinity for identical pixels and
 * NaN where a region is empty. Arrays are copied in and out.
 *
 * @param caseName          the case's folder name
 * @param kind              the kind of edit ({@link EvalCase#kind()})
 * @param method            the method
 * @param psnr              PSNR of the error pooled over frames 1..T-1, whole frame
 * @param psnrEditRegion    the same inside the edited region
 * @param psnrOutsideRegion the same outside the edited region
 * @param ssim              mean SSIM of frames 1..T-1
 * @param ssimEditRegion    mean SSIM of the windows centred in the edited region, frames 1..T-1
 * @param ssimOutsideRegion the same outside it
 * @param framePsnr         PSNR of each frame 0..T-1 (frame 0 included for the curves)
 * @param frameRegionPsnr   PSNR inside the edited region of each frame 0..T-1
 * @param frameOutsidePsnr  PSNR outside it of each frame 0..T-1
 * @param trajectory        straightness of the inversion trajectory; null where not observed
 * @param millis            wall time of the method on this case
 */
public record CaseResult(String caseName, String kind, Method method, double psnr, double psnrEditRegion,
                         double psnrOutsideRegion, double ssim, double ssimEditRegion, double ssimOutsideRegion,
                         double[] framePsnr, double[] frameRegionPsnr, double[] frameOutsidePsnr,
                         Trajectory.Straightness trajectory, long millis) {

    public CaseResult {
        framePsnr = framePsnr.clone();
        frameRegionPsnr = frameRegionPsnr.clone();
        frameOutsidePsnr = frameOutsidePsnr.clone();
    }

    @Override
    public double[] framePsnr() {
        return framePsnr.clone();
    }

    @Override
    public double[] frameRegionPsnr() {
        return frameRegionPsnr.clone();
    }

    @Override
    public double[] frameOutsidePsnr() {
        return frameOutsidePsnr.clone();
    }
}
