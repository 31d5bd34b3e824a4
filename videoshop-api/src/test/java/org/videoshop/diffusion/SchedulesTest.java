package org.videoshop.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The schedule providers: the built-ins under their names, lookup by any case, and the checks on what they give. */
class SchedulesTest {

    private static final ScheduleParameters P = new ScheduleParameters(25, 0.002, 700, 7, 0.55);

    @Test
    void theBuiltInsAreRegisteredUnderTheirNamesBestRankFirst() {
        assertEquals(List.of("karras", "exponential"), Schedules.names().subList(0, 2), "found " + Schedules.names());
        assertEquals(new KarrasSchedule(25, 0.002, 700, 7, 0.55), Schedules.schedule("KARRAS", P));
        assertEquals(new ExponentialSchedule(25, 0.002, 700, 0.55), Schedules.schedule("exponential", P));
        for (SigmaSpacing s : SigmaSpacing.values()) {
            assertEquals(s.providerName(), Schedules.provider(s.providerName()).name());
            assertArrayEquals(Schedules.schedule(s.providerName(), P).sigmas(),
                    s.schedule(25, 0.002, 700, 7, 0.55).sigmas());
        }
        assertEquals(Schedules.DEFAULT, Schedules.names().get(0));
    }

    @Test
    void anUnknownNameListsTheSchedulesFound() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Schedules.schedule("cosine", P));
        assertTrue(e.getMessage().contains("'cosine'") && e.getMessage().contains("karras (rank 100)")
                && e.getMessage().contains("exponential (rank 50)") && !e.getMessage().contains("-D"), e.getMessage());
    }

    @Test
    void aScheduleThatDoesNotDecreaseToZeroIsRefusedNamingItsProvider() {
        Schedules.check("ok", new double[] {3, 1, 0});
        for (double[] bad : new double[][] {{0}, {3, 1}, {1, 3, 0}, {3, 3, 0}, {Double.NaN, 1, 0}, {3, -1, 0}}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Schedules.check("mine", bad));
            assertTrue(e.getMessage().startsWith("Expected schedule 'mine' to give"), e.getMessage());
        }
    }

    @Test
    void theParametersAreCheckedBeforeAProviderSeesThem() {
        assertEquals(13, P.keptSteps());
        assertArrayEquals(new KarrasSchedule(25, 0.002, 700, 7, 0.55).sigmas(),
                P.keep(new KarrasSchedule(25, 0.002, 700, 7, 1).fullSigmas()));
        assertThrows(IllegalArgumentException.class, () -> P.keep(new double[3]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ScheduleParameters(3, 0.002, 700, 7, 0.2));
        assertTrue(e.getMessage().contains("floor(3 * 0.2)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ScheduleParameters(10, 0.002, 700, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new ScheduleParameters(10, 1, 0.5, 7, 0.5));
    }
}
