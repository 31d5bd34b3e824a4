package example.custom;

import org.videoshop.diffusion.InversionSchedule;
import org.videoshop.diffusion.ScheduleParameters;
import org.videoshop.diffusion.ScheduleProvider;

/**
 * A schedule a user adds, written against the public API only: levels from sigmaMax to sigmaMin along a half cosine
 * in log sigma (denser at both ends than the exponential spacing), then 0, with the built-ins' strength cut.
 * Registered as {@code cosine-log} in this module's test {@code META-INF/services}.
 */
public record CosineLogSchedule(ScheduleParameters parameters) implements InversionSchedule {

    @Override
    public double[] sigmas() {
        int n = parameters.steps();
        double logMax = Math.log(parameters.sigmaMax());
        double logMin = Math.log(parameters.sigmaMin());
        double[] full = new double[n + 1];
        for (int i = 0; i < n; i++) {
            double t = n == 1 ? 0 : (double) i / (n - 1);
            full[i] = Math.exp(logMax + (logMin - logMax) * (1 - Math.cos(Math.PI * t)) / 2);
        }
        return parameters.keep(full);
    }

    /** The provider: name {@code cosine-log}, rank 10. */
    public static final class Provider implements ScheduleProvider {
        @Override
        public String name() {
            return "cosine-log";
        }

        @Override
        public int rank() {
            return 10;
        }

        @Override
        public InversionSchedule schedule(ScheduleParameters parameters) {
            return new CosineLogSchedule(parameters);
        }
    }
}
