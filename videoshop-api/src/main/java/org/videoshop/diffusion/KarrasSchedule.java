package org.videoshop.diffusion;

/**
 * Karras et al.'s sigma schedule, N levels from sigmaMax down to sigmaMin spaced evenly in sigma^(1/rho), then 0;
 * {@code strength} keeps the last floor(N * strength) steps, so an edit starts from an intermediate noise level.
 * SVD's schedule ({@link SigmaSpacing#KARRAS}); {@link ExponentialSchedule} is the other built-in spacing.
 */
public record KarrasSchedule(int steps, double sigmaMin, double sigmaMax, double rho, double strength)
        implements InversionSchedule {

    public KarrasSchedule {
        ScheduleLevels.check(steps, sigmaMin, sigmaMax, strength);
        if (!(rho > 0) || !Double.isFinite(rho)) {
            throw new IllegalArgumentException("Expected rho > 0 but found " + rho);
        }
    }

    /** SVD's schedule: 700 to 0.002, rho 7. */
    public static KarrasSchedule svd(int steps, double strength) {
        return new KarrasSchedule(steps, 0.002, 700.0, 7.0, strength);
    }

    @Override
    public int keptSteps() {
        return ScheduleLevels.keptSteps(steps, strength);
    }

    /** All N + 1 levels, sigmaMax first, the final 0 last. */
    public double[] fullSigmas() {
        double maxInv = Math.pow(sigmaMax, 1.0 / rho);
        double minInv = Math.pow(sigmaMin, 1.0 / rho);
        return ScheduleLevels.full(steps, sigmaMax, sigmaMin, t -> Math.pow(maxInv + t * (minInv - maxInv), rho));
    }

    @Override
    public double[] sigmas() {
        return ScheduleLevels.kept(fullSigmas(), steps, strength);
    }
}
