package org.videoshop.diffusion;

/**
 * What a {@link ScheduleProvider} makes a schedule from: the options' step count and strength and the noise range
 * (the options' overrides, else the model's). Validated here, so a provider receives only sensible values.
 *
 * @param steps    N, levels of the full schedule before the final 0, at least 1
 * @param sigmaMin the lowest non-zero level, &gt; 0
 * @param sigmaMax the highest level, &gt; sigmaMin
 * @param rho      Karras' rho, &gt; 0 (a provider that does not space by rho ignores it)
 * @param strength fraction of the N steps an edit walks, in (0, 1]: the kept steps are the last
 *                 floor(N * strength), at least 1 ({@link #keptSteps()})
 */
public record ScheduleParameters(int steps, double sigmaMin, double sigmaMax, double rho, double strength) {

    public ScheduleParameters {
        ScheduleLevels.check(steps, sigmaMin, sigmaMax, strength);
        if (!(rho > 0) || !Double.isFinite(rho)) {
            throw new IllegalArgumentException("Expected rho > 0 but found " + rho);
        }
    }

    /** floor(steps * strength), the steps an edit walks (as every built-in schedule counts them). */
    public int keptSteps() {
        return ScheduleLevels.keptSteps(steps, strength);
    }

    /**
     * The last {@link #keptSteps()} steps of a full schedule of {@code steps + 1} levels (the final 0 included), as
     * a new array: how the built-ins apply strength, for providers that do the same.
     */
    public double[] keep(double[] fullSigmas) {
        if (fullSigmas == null || fullSigmas.length != steps + 1) {
            throw new IllegalArgumentException("Expected a full schedule of " + (steps + 1) + " levels but found "
                    + (fullSigmas == null ? "null" : fullSigmas.length));
        }
        return ScheduleLevels.kept(fullSigmas, steps, strength);
    }
}
