package org.videoshop.spark;

import java.util.Locale;

/** What a row does when its output already exists (column {@code on_existing}). */
public enum ExistingOutput {
    /** Skip the row when the output exists with matching provenance; otherwise edit and replace it (default). */
    RESUME,
    /** Always edit, replacing any output (the old one stays until the new one is complete). */
    OVERWRITE;

    /** {@code resume} or {@code overwrite} (any case); null or blank gives {@link #RESUME}. */
    public static ExistingOutput parse(String value) {
        if (value == null || value.isBlank()) {
            return RESUME;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Expected column on_existing to be resume or overwrite but found " + value, e);
        }
    }

    /** The lower-case name, as written in tables. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
