package org.videoshop.cli.serve;

import org.videoshop.InversionMode;
import org.videoshop.OutputMode;
import org.videoshop.VideoshopOptions;
import org.videoshop.model.ModelSpec;

/**
 * A job request's options: the server's defaults ({@link ServeConfig#defaults()}) with the fields the request
 * sets, each name parsed here and every value checked by {@link VideoshopOptions.Builder#build()}; a bad one is an
 * {@link HttpError} 400 that names what was expected and what was found. Stateless; safe to share.
 */
final class JobOptions {

    /** Longest schedule or normalisation name a job may send. */
    private static final int MAX_PROVIDER_NAME = 64;

    private final ServeConfig config;
    private final ModelSpec spec;

    JobOptions(ServeConfig config, ModelSpec spec) {
        this.config = config;
        this.spec = spec;
    }

    /** The job's options: the server's defaults with what the request sets, checked; 400 on a bad value. */
    VideoshopOptions of(Api.JobRequest r) {
        VideoshopOptions.Builder b = config.defaults().toBuilder();
        try {
            if (r.strength() != null) {
                b.strength(r.strength());
            }
            if (r.steps() != null) {
                b.steps(r.steps());
            }
            if (r.seed() != null) {
                b.seed(r.seed());
            }
            if (r.inversion() != null) {
                b.inversionMode(inversion(r.inversion()));
            }
            if (r.outputMode() != null) {
                b.outputMode(outputMode(r.outputMode()));
            }
            if (r.sigmaSpacing() != null) {
                b.sigmaSpacing(providerName("sigmaSpacing", r.sigmaSpacing()));
            }
            if (r.normalization() != null) {
                String off = normalizationOff();
                if (off != null) {
                    throw HttpError.badRequest("Expected no normalization (latent normalisation is off: " + off
                            + ") but found '" + Ids.shorten(r.normalization()) + "'");
                }
                b.normalization(providerName("normalization", r.normalization()));
            }
            return b.build(); // the options' own check: provider names as for --sigma-spacing and --normalization
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
    }

    /**
     * Why this server's jobs cannot choose a normalisation, or null when they can: latent normalisation is off
     * under {@code --no-normalize}, or for a model that does not normalise its latents.
     */
    String normalizationOff() {
        if (config.defaults().normalize(spec)) {
            return null;
        }
        return Boolean.FALSE.equals(config.defaults().normalize()) ? "the server was started with --no-normalize"
                : "model " + spec.name() + " does not normalise its latents";
    }

    /**
     * A schedule's or normalisation's name as the client sent it, trimmed; the options refuse one no provider has,
     * naming those found. A name longer than any provider's is refused here, shortened in the message.
     */
    private static String providerName(String field, String name) {
        if (name.length() > MAX_PROVIDER_NAME) {
            throw HttpError.badRequest("Expected " + field + " to name a provider (at most " + MAX_PROVIDER_NAME
                    + " characters) but found '" + Ids.shorten(name) + "'");
        }
        return name.trim();
    }

    private static InversionMode inversion(String name) {
        for (InversionMode mode : InversionMode.values()) {
            if (mode.name().equalsIgnoreCase(name)) {
                return mode;
            }
        }
        throw HttpError.badRequest("Expected inversion extrapolated or naive but found '" + Ids.shorten(name) + "'");
    }

    private static OutputMode outputMode(String name) {
        for (OutputMode mode : OutputMode.values()) {
            if (mode.name().equalsIgnoreCase(name)) {
                return mode;
            }
        }
        throw HttpError.badRequest("Expected outputMode detail or regenerate but found '" + Ids.shorten(name) + "'");
    }
}
