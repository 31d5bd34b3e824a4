package org.videoshop.diffusion;

/**
 * The noise levels an edit walks: inversion goes up them from 0, generation comes back down. The pipeline uses
 * only this interface. A {@link ScheduleProvider} makes one under a name that {@code VideoshopOptions.sigmaSpacing}
 * chooses ({@link Schedules}); the built-ins are {@link KarrasSchedule} ({@code karras}, the default) and
 * {@link ExponentialSchedule} ({@code exponential}). Implementations are immutable.
 */
public interface InversionSchedule {

    /**
     * The kept noise levels, strictly decreasing, ending with 0. Generation takes one Euler step between each
     * adjacent pair; inversion takes the same steps in reverse. Returns a fresh array owned by the caller.
     */
    double[] sigmas();

    /** Number of steps actually walked: {@code sigmas().length - 1}. */
    default int keptSteps() {
        return sigmas().length - 1;
    }

    /** The highest kept noise level, where generation starts. */
    default double startSigma() {
        return sigmas()[0];
    }
}
