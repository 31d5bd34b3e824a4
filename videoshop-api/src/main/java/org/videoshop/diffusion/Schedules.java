package org.videoshop.diffusion;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.videoshop.spi.ProviderRegistry;

/**
 * The {@link ScheduleProvider}s found once by ServiceLoader, chosen by name ({@code VideoshopOptions.sigmaSpacing}).
 * Providers are created by ServiceLoader when this class is first used; schedules when an edit asks for one.
 */
public final class Schedules {

    /** The schedule an edit uses unless its options name another: Karras', SVD's and the paper's. */
    public static final String DEFAULT = "karras";

    private static final ProviderRegistry<ScheduleProvider> REGISTRY = new ProviderRegistry<>(ScheduleProvider.class,
            "schedule", null, "Register a ScheduleProvider in META-INF/services/"
            + ScheduleProvider.class.getName() + " (or a module's provides) to add one.");

    private Schedules() {
    }

    /** Every schedule provider found, best rank first. */
    public static List<ScheduleProvider> providers() {
        return REGISTRY.all();
    }

    /** The names of the providers found, best rank first: what {@code sigmaSpacing} accepts. */
    public static List<String> names() {
        return REGISTRY.all().stream().map(ScheduleProvider::name).toList();
    }

    /** The provider of that name (any case), if one was found. */
    public static Optional<ScheduleProvider> find(String name) {
        return REGISTRY.find(name);
    }

    /** The provider of that name; fails listing the names found. */
    public static ScheduleProvider provider(String name) {
        return REGISTRY.select(name);
    }

    /**
     * The schedule of the provider named {@code name} for {@code parameters}: a new immutable value owned by the
     * caller, its levels checked (strictly decreasing, finite, ending with 0, at least one step).
     */
    public static InversionSchedule schedule(String name, ScheduleParameters parameters) {
        ScheduleProvider provider = provider(name);
        InversionSchedule schedule = provider.schedule(parameters);
        if (schedule == null) {
            throw new IllegalStateException("Expected schedule provider '" + provider.name() + "' to return a"
                    + " schedule for " + parameters + " but found null");
        }
        check(provider.name(), schedule.sigmas());
        return schedule;
    }

    static void check(String name, double[] sigmas) {
        boolean ok = sigmas != null && sigmas.length >= 2 && sigmas[sigmas.length - 1] == 0.0;
        for (int i = 0; ok && i < sigmas.length - 1; i++) {
            ok = Double.isFinite(sigmas[i]) && sigmas[i] > sigmas[i + 1];
        }
        if (!ok) {
            throw new IllegalStateException("Expected schedule '" + name + "' to give at least 2 finite levels,"
                    + " strictly decreasing and ending with 0, but found " + Arrays.toString(sigmas));
        }
    }
}
