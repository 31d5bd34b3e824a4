package org.videoshop.onnx.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.videoshop.VideoshopOptions;

/**
 * The stable names under which {@code .inv} headers store {@link VideoshopOptions}, one per record component: a
 * component may be renamed in Java (change the right-hand side here) without breaking a saved inversion, and a
 * component added without a name here fails {@link #write} (and the schema test) instead of going unsaved.
 * Stateless.
 */
final class OptionsSchema {

    /** Stable name in the file to record component name in the code. */
    static final Map<String, String> STABLE_TO_COMPONENT = stableNames();

    private OptionsSchema() {
    }

    private static Map<String, String> stableNames() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("strength", "strength");
        m.put("steps", "steps");
        m.put("sigma_min", "sigmaMin");
        m.put("sigma_max", "sigmaMax");
        m.put("rho", "rho");
        m.put("sigma_threshold", "sigmaThreshold");
        m.put("inversion_mode", "inversionMode");
        m.put("normalize", "normalize");
        m.put("inversion_guidance_min", "inversionGuidanceMin");
        m.put("inversion_guidance_max", "inversionGuidanceMax");
        m.put("guidance_min", "guidanceMin");
        m.put("guidance_max", "guidanceMax");
        m.put("fps", "fps");
        m.put("motion_bucket_id", "motionBucketId");
        m.put("noise_aug_strength", "noiseAugStrength");
        m.put("seed", "seed");
        m.put("normalize_inversion_condition", "normalizeInversionCondition");
        m.put("backend", "backend");
        m.put("window_frames", "windowFrames");
        m.put("window_overlap", "windowOverlap");
        m.put("working_size", "workingSize");
        m.put("output_mode", "outputMode");
        m.put("normalization", "normalization");
        m.put("separate_augmentation_draws", "separateAugmentationDraws");
        m.put("sigma_spacing", "sigmaSpacing");
        return Map.copyOf(m);
    }

    /** The options as a JSON object under their stable names. */
    static ObjectNode write(ObjectMapper json, VideoshopOptions options) {
        ObjectNode byComponent = json.valueToTree(options);
        ObjectNode out = json.createObjectNode();
        Map<String, String> componentToStable = new LinkedHashMap<>();
        STABLE_TO_COMPONENT.forEach((stable, component) -> componentToStable.put(component, stable));
        for (RecordComponent c : VideoshopOptions.class.getRecordComponents()) {
            String stable = componentToStable.get(c.getName());
            if (stable == null) {
                throw new IllegalStateException("Expected a stable .inv name for option " + c.getName()
                        + " (OptionsSchema) but found none");
            }
            out.set(stable, byComponent.get(c.getName()));
        }
        return out;
    }

    /**
     * Options a file written before an option existed lacks, with the value every such file was made with: the
     * Karras schedule was the only one before {@code sigma_spacing}.
     */
    private static final Map<String, String> BEFORE_IT_EXISTED = Map.of("sigma_spacing", "karras");

    /**
     * Format 3 stored the schedule and the normalisation as the constants of the enums that were then the only
     * choice; format 4 stores their providers' names. The constants and the names they stand for.
     */
    private static final Map<String, String> FORMAT_3_NAMES = Map.of("KARRAS", "karras", "EXPONENTIAL", "exponential",
            "PER_CHANNEL", "per-channel", "PER_FRAME", "per-frame");

    /**
     * Options from a JSON object under stable names, as a file of {@code format} stores them; an unknown name fails
     * naming it, an option added after the file was written takes the value the file was made with ({@link
     * #BEFORE_IT_EXISTED}), and a format-3 file's enum constants read as their providers' names.
     */
    static VideoshopOptions read(ObjectMapper json, JsonNode stored, int format) {
        if (stored == null || !stored.isObject()) {
            throw new IllegalArgumentException("Expected the options as a JSON object but found " + stored);
        }
        ObjectNode byComponent = json.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = stored.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String component = STABLE_TO_COMPONENT.get(e.getKey());
            if (component == null) {
                throw new IllegalArgumentException("Expected options named " + STABLE_TO_COMPONENT.keySet()
                        + " but found '" + e.getKey() + "'");
            }
            byComponent.set(component, e.getValue());
        }
        BEFORE_IT_EXISTED.forEach((stable, value) -> {
            if (!stored.has(stable)) {
                byComponent.put(STABLE_TO_COMPONENT.get(stable), value);
            }
        });
        if (format == 3) {
            for (String component : new String[] {"sigmaSpacing", "normalization"}) {
                JsonNode v = byComponent.get(component);
                if (v != null && v.isTextual() && FORMAT_3_NAMES.containsKey(v.asText())) {
                    byComponent.put(component, FORMAT_3_NAMES.get(v.asText()));
                }
            }
        }
        try {
            return json.treeToValue(byComponent, VideoshopOptions.class);
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            // the options' own check (e.g. a schedule no provider on this classpath has) without Jackson's wrapping
            Throwable own = e.getCause() instanceof IllegalArgumentException c ? c : e;
            throw new IllegalArgumentException("Expected valid options but found: " + own.getMessage(), e);
        }
    }
}
