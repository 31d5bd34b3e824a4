package org.videoshop.diffusion;

/**
 * How an edit spaces its noise levels between the model's sigmaMax and sigmaMin: each value names one
 * {@link InversionSchedule} implementation, chosen by {@code VideoshopOptions.sigmaSpacing}.
 */
public enum SigmaSpacing {
    /**
     * Evenly in sigma^(1/rho) ({@link KarrasSchedule}): SVD's, the paper's and the authors' schedule (diffusers'
     * {@code EulerDiscreteScheduler} with {@code use_karras_sigmas}); the default.
     */
    KARRAS,
    /** Evenly in log sigma ({@link ExponentialSchedule}; k-diffusion's "exponential"); rho is not used. */
    EXPONENTIAL;

    /** The schedule of this spacing; a new immutable value. */
    public InversionSchedule schedule(int steps, double sigmaMin, double sigmaMax, double rho, double strength) {
        return this == KARRAS ? new KarrasSchedule(steps, sigmaMin, sigmaMax, rho, strength)
                : new ExponentialSchedule(steps, sigmaMin, sigmaMax, strength);
    }
}
