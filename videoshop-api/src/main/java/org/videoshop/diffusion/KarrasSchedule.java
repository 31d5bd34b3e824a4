package org.videoshop.diffusion;

import java.util.Arrays;

/**
 * Karras et al.'s sigma schedule, N levels from sigmaMax down to sigmaMin spaced evenly in sigma^(1/rho), then 0;
 * {@code strength} keeps the last floor(N * strength) steps, so an edit starts from an intermediate noise level.
 */
public record KarrasSchedule(int steps, double sigmaMin, double sigmaMax, double rho, double strength)
        implements InversionSchedule {

    public KarrasSchedule {
        if (steps < 1) {
            throw new IllegalArgumentException("Expected steps >= 1 but found " + steps);
        }
        if (!(sigmaMin > 0) || !Double.isFinite(sigmaMin)) {
            throw new IllegalArgumentException("Expected sigmaMin > 0 but found " + sigmaMin);
        }
        if (!(sigmaMax > sigmaMin) || !Double.isFinite(sigmaMax)) {
            throw new IllegalArgumentException("Expected sigmaMax > sigmaMin (" + sigmaMin + ") but found " + sigmaMax);
        }
        if (!(rho > 0) || !Double.isFinite(rho)) {
            throw new IllegalArgumentException("Expected rho > 0 but found " + rho);
        }
        if (!(strength > 0 && strength <= 1)) {
            throw new IllegalArgumentException("Expected strength in (0, 1] but found " + strength);
        }
        if (keptSteps(steps, strength) < 1) {
            throw new IllegalArgumentException("Expected floor(steps * strength) >= 1 but found floor(" + steps
                    + " * " + strength + ") = " + keptSteps(steps, strength));
        }
    }

    /** SVD's schedule: 700 to 0.002, rho 7. */
    public static KarrasSchedule svd(int steps, double strength) {
        return new KarrasSchedule(steps, 0.002, 700.0, 7.0, strength);
    }

    @Override
    public int keptSteps() {
        return keptSteps(steps, strength);
    }

    static int keptSteps(int steps, double strength) {
        // A tiny epsilon so that e.g. 0.3 * 10 = 2.9999999999999996 keeps 3 steps, as the user meant.
        return (int) Math.floor(steps * strength + 1e-9);
    }

    /** All N + 1 levels, sigmaMax first, the final 0 last. */
    public double[] fullSigmas() {
        double[] s = new double[steps + 1];
        double maxInv = Math.pow(sigmaMax, 1.0 / rho);
        double minInv = Math.pow(sigmaMin, 1.0 / rho);
        for (int i = 0; i < steps; i++) {
            double t = steps == 1 ? 0.0 : (double) i / (steps - 1);
            s[i] = Math.pow(maxInv + t * (minInv - maxInv), rho);
        }
        s[0] = sigmaMax; // exact endpoints, free of pow() rounding
        if (steps > 1) {
            s[steps - 1] = sigmaMin;
        }
        s[steps] = 0.0;
        return s;
    }

    @Override
    public double[] sigmas() {
        double[] full = fullSigmas();
        int kept = keptSteps(steps, strength);
        return Arrays.copyOfRange(full, steps - kept, steps + 1);
    }
}
