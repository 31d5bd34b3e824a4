package org.videoshop.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.videoshop.Provenance;
import org.videoshop.Stage;

/**
 * JSON of what made an output: the {@link Provenance} of the edit, and the sidecar file written next to each
 * output ({@code OUTPUT.videoshop.json}) holding the key a rerun compares (model, library, backend, resolved
 * settings, input fingerprints) with the frames written and the provenance.
 */
final class ProvenanceJson {

    /** Suffix of the sidecar beside an output. */
    static final String SIDECAR_SUFFIX = ".videoshop.json";
    /** Version of the sidecar's layout. */
    static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProvenanceJson() {
    }

    /** The provenance as a JSON object (options by component name, stage times in nanoseconds). */
    static ObjectNode of(Provenance p) {
        ObjectNode n = JSON.createObjectNode();
        n.put("libraryVersion", p.libraryVersion());
        n.put("modelName", p.modelName());
        n.put("modelVersion", p.modelVersion());
        n.put("backend", p.backend());
        n.set("options", JSON.valueToTree(OptionsCodec.toMap(p.options())));
        n.set("sigmas", JSON.valueToTree(p.sigmas()));
        n.put("frames", p.frames());
        n.put("width", p.width());
        n.put("height", p.height());
        n.put("javaVersion", p.javaVersion());
        n.put("startedAt", p.startedAt().toString());
        n.set("stageNanos", stages(p.stageNanos()));
        n.set("modelNanos", stages(p.modelNanos()));
        return n;
    }

    /** The sidecar of an output: format, key, frames and provenance. */
    static String sidecar(JsonNode key, int frames, ObjectNode provenance) {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", FORMAT);
        n.set("key", key);
        n.put("frames", frames);
        n.set("provenance", provenance);
        return write(n);
    }

    /** A parsed sidecar, or null when {@code text} is null or not a sidecar of this format. */
    static JsonNode parseSidecar(String text) {
        if (text == null) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(text);
            return n != null && n.path("format").asInt() == FORMAT && n.has("key") ? n : null;
        } catch (JsonProcessingException e) {
            return null; // a damaged sidecar matches nothing: the row is edited again
        }
    }

    static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Expected to write JSON but failed: " + e.getMessage(), e);
        }
    }

    private static ObjectNode stages(Map<Stage, Long> nanos) {
        ObjectNode n = JSON.createObjectNode();
        for (Stage s : Stage.values()) {
            Long v = nanos.get(s);
            if (v != null) {
                n.put(s.name().toLowerCase(java.util.Locale.ROOT), v);
            }
        }
        return n;
    }
}
