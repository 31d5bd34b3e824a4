package org.videoshop.diffusion;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/** The checks and the strength cut that every {@link InversionSchedule} of N levels shares. Stateless. */
final class ScheduleLevels {

    private ScheduleLevels() {
    }

    /**
     * All N + 1 levels of a schedule interpolated from sigmaMax (t = 0) to sigmaMin (t = 1) by {@code levelAt},
     * with the endpoints exact (free of rounding in {@code levelAt}) and the final 0 last.
     */
    static double[] full(int steps, double sigmaMax, double sigmaMin, DoubleUnaryOperator levelAt) {
        double[] s = new double[steps + 1];
        for (int i = 0; i < steps; i++) {
            double t = steps == 1 ? 0.0 : (double) i / (steps - 1);
            s[i] = levelAt.applyAsDouble(t);
        }
        s[0] = sigmaMax;
        if (steps > 1) {
            s[steps - 1] = sigmaMin;
        }
        s[steps] = 0.0;
        return s;
    }

    /** Checks the arguments every schedule of {@code steps} levels from sigmaMax down to sigmaMin takes. */
    static void check(int steps, double sigmaMin, double sigmaMax, double strength) {
        if (steps < 1) {
            throw new IllegalArgumentException("Expected steps >= 1 but found " + steps);
        }
        if (!(sigmaMin > 0) || !Double.isFinite(sigmaMin)) {
            throw new IllegalArgumentException("Expected sigmaMin > 0 but found " + sigmaMin);
        }
        if (!(sigmaMax > sigmaMin) || !Double.isFinite(sigmaMax)) {
            throw new IllegalArgumentException("Expected sigmaMax > sigmaMin (" + sigmaMin + ") but found " + sigmaMax);
        }
        if (!(strength > 0 && strength <= 1)) {
            throw new IllegalArgumentException("Expected strength in (0, 1] but found " + strength);
        }
        if (keptSteps(steps, strength) < 1) {
            throw new IllegalArgumentException("Expected floor(steps * strength) >= 1 but found floor(" + steps
                    + " * " + strength + ") = " + keptSteps(steps, strength));
        }
    }

    /** floor(steps * strength), the steps an edit walks. */
    static int keptSteps(int steps, double strength) {
        // A tiny epsilon so that e.g. 0.3 * 10 = 2.9999999999999996 keeps 3 steps, as the user meant.
        return (int) Math.floor(steps * strength + 1e-9);
    }

    /** The last floor(steps * strength) steps of {@code full} (steps + 1 levels ending with 0), as a new array. */
    static double[] kept(double[] full, int steps, double strength) {
        return Arrays.copyOfRange(full, steps - keptSteps(steps, strength), steps + 1);
    }
}
