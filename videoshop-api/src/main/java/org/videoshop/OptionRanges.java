package org.videoshop;

import java.util.List;
import java.util.Optional;
import org.videoshop.diffusion.Normalizers;
import org.videoshop.diffusion.Schedules;
import org.videoshop.spi.NamedProvider;

/**
 * The range checks of {@link VideoshopOptions}, grouped by what the settings drive (the noise schedule, the
 * inversion, the generation, the model's conditioning, the windows). Only the options' canonical constructor calls
 * them, so the options are still validated in one place; every message names the builder's setting, what was
 * expected and what was found. Stateless.
 */
final class OptionRanges {

    private OptionRanges() {
    }

    /**
     * Strength, step count, the schedule overrides (null: the model's) and the schedule's name; returns the name as
     * its provider spells it.
     */
    static String schedule(double strength, int steps, Double sigmaMin, Double sigmaMax, Double rho,
                           String spacing) {
        if (!(strength > 0 && strength <= 1)) {
            throw new IllegalArgumentException("Expected strength in (0, 1] but found " + strength);
        }
        if (steps < 1 || steps > VideoshopOptions.MAX_STEPS) {
            throw new IllegalArgumentException("Expected steps in [1, " + VideoshopOptions.MAX_STEPS + "] but found "
                    + steps);
        }
        if (Math.floor(steps * strength + 1e-9) < 1) {
            throw new IllegalArgumentException("Expected floor(steps * strength) >= 1 so that at least one step runs"
                    + " but found floor(" + steps + " * " + strength + ") = 0");
        }
        positiveOrNull("sigmaMin", sigmaMin);
        positiveOrNull("sigmaMax", sigmaMax);
        positiveOrNull("rho", rho);
        if (sigmaMin != null && sigmaMax != null && !(sigmaMax > sigmaMin)) {
            throw new IllegalArgumentException("Expected sigmaMax > sigmaMin (" + sigmaMin + ") but found " + sigmaMax);
        }
        return registered("sigmaSpacing", "schedule", spacing, Schedules.find(spacing), Schedules.names());
    }

    /**
     * The inversion: its threshold Sigma (null: the model's), mode, guidance and latent normalisation's name;
     * returns the name as its provider spells it.
     */
    static String inversion(Double sigmaThreshold, InversionMode mode, double guidanceMin, double guidanceMax,
                            String normalization) {
        if (sigmaThreshold != null && (!(sigmaThreshold >= 0) || !Double.isFinite(sigmaThreshold))) {
            throw new IllegalArgumentException("Expected sigmaThreshold >= 0 and finite (or unset) but found "
                    + sigmaThreshold);
        }
        if (mode == null) {
            throw new IllegalArgumentException("Expected an inversion mode (EXTRAPOLATED or NAIVE) but found null");
        }
        nonNegative("inversionGuidanceMin", guidanceMin);
        nonNegative("inversionGuidanceMax", guidanceMax);
        return registered("normalization", "latent normalization", normalization, Normalizers.find(normalization),
                Normalizers.names());
    }

    /** The provider's spelling of {@code name}, or a failure naming the setting, the names found and {@code name}. */
    private static String registered(String setting, String kind, String name, Optional<? extends NamedProvider> found,
                                     List<String> names) {
        if (found.isEmpty()) {
            throw new IllegalArgumentException("Expected " + setting + " to name a " + kind + " found on the"
                    + " classpath, one of " + String.join(", ", names) + ", but found "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        return found.get().name();
    }

    /** The generation: its guidance (both null for the model's recommendation) and output mode. */
    static void generation(Double guidanceMin, Double guidanceMax, OutputMode outputMode) {
        if (guidanceMin != null) {
            nonNegative("guidanceMin", guidanceMin);
        }
        if (guidanceMax != null) {
            nonNegative("guidanceMax", guidanceMax);
        }
        if ((guidanceMin == null) != (guidanceMax == null)) {
            throw new IllegalArgumentException("Expected guidanceMin and guidanceMax both set or both unset (the"
                    + " model's recommendation) but found guidanceMin " + guidanceMin + ", guidanceMax "
                    + guidanceMax);
        }
        if (outputMode == null) {
            throw new IllegalArgumentException("Expected an output mode (DETAIL or REGENERATE) but found null");
        }
    }

    /** SVD's micro-conditioning (null: the model's). */
    static void conditioning(Double fps, Double motionBucketId, Double noiseAugStrength) {
        positiveOrNull("fps", fps);
        if (motionBucketId != null && !(motionBucketId >= 0 && Double.isFinite(motionBucketId))) {
            throw new IllegalArgumentException("Expected motionBucketId >= 0 but found " + motionBucketId);
        }
        if (noiseAugStrength != null && !(noiseAugStrength >= 0 && noiseAugStrength <= 10)) {
            throw new IllegalArgumentException("Expected noiseAugStrength in [0, 10] but found " + noiseAugStrength);
        }
    }

    /** How the work runs: the backend's name (null: the default) and the windows of long clips. */
    static void execution(String backend, Integer windowFrames, int windowOverlap) {
        if (backend != null && backend.isBlank()) {
            throw new IllegalArgumentException("Expected a backend name or null but found a blank string");
        }
        if (windowFrames != null && windowFrames < 2) {
            throw new IllegalArgumentException("Expected windowFrames >= 2 (or unset) but found " + windowFrames);
        }
        if (windowOverlap < 1) {
            throw new IllegalArgumentException("Expected windowOverlap >= 1 but found " + windowOverlap);
        }
        if (windowFrames != null && windowOverlap >= windowFrames) {
            throw new IllegalArgumentException("Expected windowOverlap < windowFrames (" + windowFrames
                    + ") but found " + windowOverlap);
        }
    }

    private static void positiveOrNull(String name, Double v) {
        if (v != null && !(v > 0 && Double.isFinite(v))) {
            throw new IllegalArgumentException("Expected " + name + " > 0 and finite (or unset) but found " + v);
        }
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("Expected " + name + " >= 0 and finite but found " + v);
        }
    }
}
