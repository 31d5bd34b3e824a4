package org.videoshop.diffusion;

import org.videoshop.spi.NamedProvider;

/**
 * SPI for noise schedules, registered in {@code META-INF/services/org.videoshop.diffusion.ScheduleProvider} (or a
 * module's {@code provides}); {@code VideoshopOptions.sigmaSpacing} names the one an edit uses, found by
 * {@link Schedules}. The built-ins are {@code karras} (the default) and {@code exponential}. The rank only orders
 * listings: the options' default stays {@value Schedules#DEFAULT} whatever else is on the classpath, so adding a
 * jar never changes an edit. Implementations are stateless and thread-safe.
 */
public interface ScheduleProvider extends NamedProvider {

    /**
     * The schedule for these parameters: a new immutable value owned by the caller, the same for equal parameters
     * (an inversion is matched to its edit by the provider's name and the parameters). Its sigmas must decrease
     * strictly and end with 0; {@link Schedules#schedule} checks that.
     */
    InversionSchedule schedule(ScheduleParameters parameters);
}
