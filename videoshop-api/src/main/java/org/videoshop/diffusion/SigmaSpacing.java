package org.videoshop.diffusion;

/**
 * The built-in schedules by constant, for code that prefers an enum to a name: each value names one
 * {@link ScheduleProvider} ({@link #providerName()}), and {@code VideoshopOptions.Builder.sigmaSpacing(SigmaSpacing)}
 * is {@code sigmaSpacing(value.providerName())}. Schedules of other providers are chosen by name alone.
 */
public enum SigmaSpacing {
    /**
     * Evenly in sigma^(1/rho) ({@link KarrasSchedule}, {@code karras}): SVD's, the paper's and the authors' schedule
     * (diffusers' {@code EulerDiscreteScheduler} with {@code use_karras_sigmas}); the default.
     */
    KARRAS(KarrasScheduleProvider.NAME),
    /** Evenly in log sigma ({@link ExponentialSchedule}, {@code exponential}; k-diffusion's); rho is not used. */
    EXPONENTIAL(ExponentialScheduleProvider.NAME);

    private final String providerName;

    SigmaSpacing(String providerName) {
        this.providerName = providerName;
    }

    /** The name of the provider of this schedule: {@code karras} or {@code exponential}. */
    public String providerName() {
        return providerName;
    }

    /** The schedule of this spacing; a new immutable value. */
    public InversionSchedule schedule(int steps, double sigmaMin, double sigmaMax, double rho, double strength) {
        return Schedules.schedule(providerName, new ScheduleParameters(steps, sigmaMin, sigmaMax, rho, strength));
    }
}
