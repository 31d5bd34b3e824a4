package org.videoshop.diffusion;

import java.util.Arrays;
import java.util.Locale;

/** What the raw network F predicts, which fixes how D(x; sigma) is built from it. */
public enum Prediction {
    /** v-prediction (Stable Video Diffusion): D = c_skip x + c_out F with EDM's c_skip and c_out. */
    V("v"),
    /** epsilon-prediction: D = x - sigma F. */
    EPSILON("eps"),
    /** x0-prediction: D = F. */
    X0("x0");

    private final String key;

    Prediction(String key) {
        this.key = key;
    }

    /** The manifest spelling: {@code v}, {@code eps} or {@code x0}. */
    public String key() {
        return key;
    }

    /** Parses the manifest spelling, case-insensitively. */
    public static Prediction parse(String text) {
        if (text != null) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            for (Prediction p : values()) {
                if (p.key.equals(t) || p.name().toLowerCase(Locale.ROOT).equals(t)) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("Expected a prediction type, one of "
                + Arrays.stream(values()).map(Prediction::key).toList() + ", but found " + text);
    }
}
