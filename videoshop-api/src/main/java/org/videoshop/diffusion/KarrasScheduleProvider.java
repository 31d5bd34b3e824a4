package org.videoshop.diffusion;

/** Registers {@link KarrasSchedule} as schedule {@code karras}, rank 100: the default. */
public final class KarrasScheduleProvider implements ScheduleProvider {

    /** The name options choose it by. */
    public static final String NAME = "karras";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 100;
    }

    @Override
    public InversionSchedule schedule(ScheduleParameters p) {
        return new KarrasSchedule(p.steps(), p.sigmaMin(), p.sigmaMax(), p.rho(), p.strength());
    }
}
