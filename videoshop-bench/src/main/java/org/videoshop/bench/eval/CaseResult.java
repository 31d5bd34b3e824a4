package org.videoshop.bench.eval;

/**
 * The scores of one method on one case, all against the truth at the model's resolution over frames 1..T-1.
 * PSNR values are +infinity for identical pixels and NaN where a region is empty.
 *
 * @param caseName          the case's folder name
 * @param kind              the kind of edit ({@link EvalCase#kind()})
 * @param method            the method
 * @param psnr              PSNR of the error pooled over frames 1..T-1, whole frame
 * @param psnrEditRegion    the same inside the edited region
 * @param psnrOutsideRegion the same outside the edited region
 * @param ssim              mean SSIM of frames 1..T-1
 * @param framePsnr         PSNR of each frame 0..T-1 (frame 0 included for the curves)
 * @param trajectory        straightness of the inversion trajectory; null for the baselines
 * @param millis            wall time of the method on this case
 */
public record CaseResult(String caseName, String kind, Method method, double psnr, double psnrEditRegion,
                         double psnrOutsideRegion, double ssim, double[] framePsnr,
                         Trajectory.Straightness trajectory, long millis) {

    public CaseResult {
        framePsnr = framePsnr.clone();
    }

    @Override
    public double[] framePsnr() {
        return framePsnr.clone();
    }
}
