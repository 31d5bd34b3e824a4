package example.cli;

import org.videoshop.diffusion.InversionSchedule;
import org.videoshop.diffusion.ScheduleParameters;
import org.videoshop.diffusion.ScheduleProvider;
import org.videoshop.diffusion.Schedules;

/**
 * A schedule a user adds by composing a built-in through the public API: Karras' spacing with rho 3 whatever the
 * model's rho (fewer levels crowded at low noise than SVD's 7). Registered as {@code karras-rho3} in the CLI's test
 * {@code META-INF/services}.
 */
public final class GentleKarrasProvider implements ScheduleProvider {

    @Override
    public String name() {
        return "karras-rho3";
    }

    @Override
    public int rank() {
        return 10;
    }

    @Override
    public InversionSchedule schedule(ScheduleParameters p) {
        return Schedules.schedule("karras", new ScheduleParameters(p.steps(), p.sigmaMin(), p.sigmaMax(), 3,
                p.strength()));
    }
}
