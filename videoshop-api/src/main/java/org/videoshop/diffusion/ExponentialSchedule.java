package org.videoshop.diffusion;

/**
 * N levels from sigmaMax down to sigmaMin spaced evenly in log sigma, then 0: k-diffusion's
 * {@code get_sigmas_exponential} and diffusers' {@code EulerDiscreteScheduler(use_exponential_sigmas=True)}. It is
 * the limit of {@link KarrasSchedule} as rho grows, and spends more of its steps at high noise than Karras' rho 7.
 * {@code strength} keeps the last floor(N * strength) steps.
 */
public record ExponentialSchedule(int steps, double sigmaMin, double sigmaMax, double strength)
        implements InversionSchedule {

    public ExponentialSchedule {
        ScheduleLevels.check(steps, sigmaMin, sigmaMax, strength);
    }

    @Override
    public int keptSteps() {
        return ScheduleLevels.keptSteps(steps, strength);
    }

    /** All N + 1 levels, sigmaMax first, the final 0 last. */
    public double[] fullSigmas() {
        double logMax = Math.log(sigmaMax);
        double logMin = Math.log(sigmaMin);
        return ScheduleLevels.full(steps, sigmaMax, sigmaMin, t -> Math.exp(logMax + t * (logMin - logMax)));
    }

    @Override
    public double[] sigmas() {
        return ScheduleLevels.kept(fullSigmas(), steps, strength);
    }
}
