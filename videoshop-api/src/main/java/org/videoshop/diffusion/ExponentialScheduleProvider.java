package org.videoshop.diffusion;

/** Registers {@link ExponentialSchedule} as schedule {@code exponential}, rank 50 (rho is not used). */
public final class ExponentialScheduleProvider implements ScheduleProvider {

    /** The name options choose it by. */
    public static final String NAME = "exponential";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 50;
    }

    @Override
    public InversionSchedule schedule(ScheduleParameters p) {
        return new ExponentialSchedule(p.steps(), p.sigmaMin(), p.sigmaMax(), p.strength());
    }
}
