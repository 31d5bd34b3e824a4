package org.videoshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every out-of-range option fails at build() with a message naming the option, what was expected and found. */
class OptionsValidationTest {

    static Stream<Arguments> badOptions() {
        return Stream.of(
                bad("strength", "0.0", b -> b.strength(0)),
                bad("strength", "-0.1", b -> b.strength(-0.1)),
                bad("strength", "1.01", b -> b.strength(1.01)),
                bad("strength", "NaN", b -> b.strength(Double.NaN)),
                bad("steps", "0", b -> b.steps(0)),
                bad("steps", "-3", b -> b.steps(-3)),
                bad("steps", "1001", b -> b.steps(1001)),
                bad("floor(steps * strength)", "floor(3 * 0.2)", b -> b.steps(3).strength(0.2)),
                bad("sigmaMin", "-1.0", b -> b.schedule(-1, 700, 7)),
                bad("sigmaMax", "0.001", b -> b.schedule(0.002, 0.001, 7)),
                bad("rho", "0.0", b -> b.schedule(0.002, 700, 0)),
                bad("sigmaMax", "Infinity", b -> b.schedule(0.002, Double.POSITIVE_INFINITY, 7)),
                bad("sigmaThreshold", "-0.5", b -> b.sigmaThreshold(-0.5)),
                bad("sigmaThreshold", "NaN", b -> b.sigmaThreshold(Double.NaN)),
                bad("inversion mode", "null", b -> b.inversionMode(null)),
                bad("guidanceMin", "-1.0", b -> b.guidance(-1, 3)),
                bad("guidanceMax", "-2.0", b -> b.guidance(1, -2)),
                bad("guidanceMax", "Infinity", b -> b.guidance(1, Double.POSITIVE_INFINITY)),
                bad("guidanceMin", "NaN", b -> b.guidance(Double.NaN, 3)),
                bad("inversionGuidanceMin", "-1.0", b -> b.inversionGuidance(-1, 1)),
                bad("inversionGuidanceMax", "NaN", b -> b.inversionGuidance(1, Double.NaN)),
                bad("fps", "0.0", b -> b.fps(0)),
                bad("motionBucketId", "-1.0", b -> b.motionBucketId(-1)),
                bad("noiseAugStrength", "-0.1", b -> b.noiseAugStrength(-0.1)),
                bad("noiseAugStrength", "11.0", b -> b.noiseAugStrength(11)),
                bad("backend", "blank", b -> b.backend("  ")));
    }

    private static Arguments bad(String name, String found, UnaryOperator<VideoshopOptions.Builder> change) {
        return Arguments.of(name, found, change);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badOptions")
    void outOfRangeOptionsAreRejected(String name, String found, UnaryOperator<VideoshopOptions.Builder> change) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> change.apply(VideoshopOptions.builder()).build());
        String m = e.getMessage();
        assertTrue(m.contains("Expected") && m.contains(name) && m.contains(found),
                "message should name " + name + ", what was expected and " + found + ": " + m);
    }

    @Test
    void seedAcceptsEveryLong() {
        assertEquals(Long.MIN_VALUE, VideoshopOptions.builder().seed(Long.MIN_VALUE).build().seed());
        assertEquals(Long.MAX_VALUE, VideoshopOptions.builder().seed(Long.MAX_VALUE).build().seed());
        assertEquals(0L, VideoshopOptions.builder().seed(0).build().seed());
    }

    @Test
    void defaultsAreThePapers() {
        VideoshopOptions o = VideoshopOptions.defaults();
        assertEquals(0.55, o.strength());
        assertEquals(25, o.steps());
        assertNull(o.sigmaThreshold(), "Sigma: the model's recommendation (the paper's 1 unless it says otherwise)");
        assertEquals(InversionMode.EXTRAPOLATED, o.inversionMode());
        assertNull(o.guidanceMin(), "guidance: the model's recommendation");
        assertNull(o.guidanceMax());
        assertEquals(o, o.toBuilder().build());
    }
}
