package org.videoshop.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads one JSON object of the manifest field by field, knowing its JSON path, so that every error names the
 * field and says what was expected and what was found. {@link #finish()} rejects fields nobody asked for.
 * Not thread-safe; used only inside {@link ManifestReader}.
 */
final class JsonFields {

    private final String source;
    private final String path;
    private final JsonNode node;
    private final Set<String> known = new HashSet<>();

    JsonFields(String source, String path, JsonNode node) {
        this.source = source;
        this.path = path;
        this.node = node;
        if (node == null || !node.isObject()) {
            throw error(path, "an object", node);
        }
    }

    String path() {
        return path;
    }

    String child(String key) {
        return path + "." + key;
    }

    InvalidBundleException error(String at, String expected, JsonNode found) {
        return new InvalidBundleException(source, at, "expected " + expected + " but found " + describe(found));
    }

    InvalidBundleException error(String at, String problem) {
        return new InvalidBundleException(source, at, problem);
    }

    private JsonNode get(String key, boolean required) {
        known.add(key);
        JsonNode v = node.get(key);
        if (v == null && required) {
            throw new InvalidBundleException(source, child(key), "expected a value but the field is missing");
        }
        return v;
    }

    JsonFields object(String key) {
        return new JsonFields(source, child(key), get(key, true));
    }

    String string(String key) {
        JsonNode v = get(key, true);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw error(child(key), "a non-blank string", v);
        }
        return v.asText();
    }

    /** A string, or null when the field is absent or null. */
    String optionalString(String key) {
        JsonNode v = get(key, false);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw error(child(key), "a string", v);
        }
        return v.asText();
    }

    boolean bool(String key) {
        JsonNode v = get(key, true);
        if (!v.isBoolean()) {
            throw error(child(key), "true or false", v);
        }
        return v.asBoolean();
    }

    /** true or false, or {@code fallback} when the field is absent or null. */
    boolean optionalBoolean(String key, boolean fallback) {
        JsonNode v = get(key, false);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw error(child(key), "true or false", v);
        }
        return v.asBoolean();
    }

    int integer(String key, int min, int max) {
        return checkInt(child(key), get(key, true), min, max);
    }

    /** An integer in [min, max], or null when the field is absent or null. */
    Integer optionalInteger(String key, int min, int max) {
        JsonNode v = get(key, false);
        return v == null || v.isNull() ? null : checkInt(child(key), v, min, max);
    }

    private int checkInt(String at, JsonNode v, int min, int max) {
        String expected = "an integer in [" + min + ", " + max + "]";
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
            throw error(at, expected, v);
        }
        return v.asInt();
    }

    /** A finite number in the range described by {@code lowExclusive}/{@code low} and {@code high}. */
    double number(String key, double low, boolean lowExclusive, double high) {
        return checkNumber(child(key), get(key, true), low, lowExclusive, high);
    }

    double checkNumber(String at, JsonNode v, double low, boolean lowExclusive, double high) {
        String expected = "a number in " + (lowExclusive ? "(" : "[") + low + ", " + high + "]";
        if (v == null || !v.isNumber()) {
            throw error(at, expected, v);
        }
        double d = v.asDouble();
        if (!Double.isFinite(d) || (lowExclusive ? d <= low : d < low) || d > high) {
            throw error(at, expected, v);
        }
        return d;
    }

    /** An array of exactly {@code length} elements. */
    JsonNode array(String key, int length) {
        JsonNode v = get(key, true);
        if (!v.isArray() || v.size() != length) {
            throw error(child(key), "an array of " + length + " numbers", v);
        }
        return v;
    }

    /** An array of strings, or an empty list when the field is absent. */
    List<String> optionalStrings(String key) {
        JsonNode v = get(key, false);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw error(child(key), "an array of strings", v);
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isTextual() || e.asText().isBlank()) {
                throw error(child(key) + "[" + i + "]", "a non-blank string", e);
            }
            out.add(e.asText());
        }
        return out;
    }

    /** The names of this object's fields, in document order. */
    List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Marks a field as read (for objects whose keys are read through {@link #fieldNames()}). */
    JsonNode raw(String key) {
        return get(key, false);
    }

    /** Rejects any field that was not read, listing the fields this object may have. */
    void finish() {
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!known.contains(k)) {
                throw new InvalidBundleException(source, child(k), "unknown field; expected only the fields "
                        + known.stream().sorted().toList());
            }
        }
    }

    static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isNull()) {
            return "null";
        }
        if (v.isTextual()) {
            return "the string \"" + abbreviate(v.asText()) + "\"";
        }
        if (v.isBoolean()) {
            return "the boolean " + v.asBoolean();
        }
        if (v.isNumber()) {
            return "the number " + v.asText();
        }
        if (v.isArray()) {
            return "an array of " + v.size() + " elements " + abbreviate(v.toString());
        }
        return "an object " + abbreviate(v.toString());
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
