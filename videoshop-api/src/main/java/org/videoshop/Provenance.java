package org.videoshop;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What produced an edit, recorded with every result so it can be reproduced: library, model, backend, seed and
 * all settings, the noise levels walked, the runtime, and where the time went. Immutable.
 *
 * @param libraryVersion videoshop's version
 * @param modelName      the model's name
 * @param modelVersion   the model's version or checksum
 * @param backend        the latent backend that ran the step math
 * @param options        every setting of the edit, the seed included, with the guidance and inversion threshold
 *                       Sigma actually used filled in where the options left them to the model
 *                       ({@link VideoshopOptions#resolvedFor})
 * @param sigmas         the kept noise levels, highest first, ending with 0
 * @param frames         frames edited
 * @param width          pixel width the model ran at
 * @param height         pixel height the model ran at
 * @param javaVersion    the JVM's version
 * @param startedAt      when the edit started
 * @param stageNanos     wall time per stage
 * @param modelNanos     time per stage spent inside model calls
 */
public record Provenance(String libraryVersion, String modelName, String modelVersion, String backend,
                         VideoshopOptions options, List<Double> sigmas, int frames, int width, int height,
                         String javaVersion, Instant startedAt, Map<Stage, Long> stageNanos,
                         Map<Stage, Long> modelNanos) {

    public Provenance {
        sigmas = List.copyOf(sigmas);
        stageNanos = Map.copyOf(stageNanos);
        modelNanos = Map.copyOf(modelNanos);
    }

    /** Total wall time of all stages, in nanoseconds. */
    public long totalNanos() {
        return stageNanos.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Total time inside model calls, in nanoseconds. */
    public long totalModelNanos() {
        return modelNanos.values().stream().mapToLong(Long::longValue).sum();
    }
}
