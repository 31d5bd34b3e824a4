package org.videoshop.cli.serve;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.videoshop.LibraryVersion;
import org.videoshop.VideoshopOptions;
import org.videoshop.diffusion.Normalizers;
import org.videoshop.diffusion.Schedules;
import org.videoshop.model.ModelSpec;

/**
 * The body of {@code GET /api/info}: the library's version, the model, the job defaults, the provider names a
 * job may choose (as ServiceLoader found them, best rank first), the server's limits and its queue.
 */
final class ServerInfo {

    private ServerInfo() {
    }

    /** A new map (the caller's) of what {@code GET /api/info} answers now. */
    static Map<String, Object> of(ServeConfig config, ModelSpec spec, JobOptions jobs, JobQueue queue) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", spec.name());
        model.put("version", spec.version());
        model.put("width", spec.width());
        model.put("height", spec.height());
        model.put("nativeFrames", spec.nativeFrames());
        VideoshopOptions d = config.defaults();
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("strength", d.strength());
        defaults.put("steps", d.steps());
        defaults.put("seed", d.seed());
        defaults.put("inversion", d.inversionMode().name().toLowerCase(Locale.ROOT));
        defaults.put("outputMode", d.outputMode().name().toLowerCase(Locale.ROOT));
        defaults.put("sigmaSpacing", d.sigmaSpacing());
        String off = jobs.normalizationOff();
        defaults.put("normalize", off == null);
        defaults.put("normalization", off == null ? d.normalization() : null);
        defaults.put("format", "mp4");
        Map<String, Object> choices = new LinkedHashMap<>(); // the providers ServiceLoader found, best rank first
        choices.put("sigmaSpacing", Schedules.names());
        choices.put("normalization", off == null ? Normalizers.names() : List.of()); // none to choose when off
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("maxUploadBytes", config.maxUploadBytes());
        limits.put("maxFrames", config.maxFrames());
        limits.put("maxSide", config.maxSide());
        limits.put("maxSteps", VideoshopOptions.MAX_STEPS);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("version", LibraryVersion.get());
        info.put("model", model);
        info.put("defaults", defaults);
        info.put("choices", choices);
        info.put("limits", limits);
        info.put("normalizationOff", off);
        info.put("clipsFolder", config.clips() != null);
        info.put("pendingJobs", queue.pending());
        return info;
    }
}
