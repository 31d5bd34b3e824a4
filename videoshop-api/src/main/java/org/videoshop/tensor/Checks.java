package org.videoshop.tensor;

/** Argument checks shared by the value types; every message says what was expected and what was found. */
public final class Checks {
    private Checks() {
    }

    public static void positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("Expected " + what + " >= 1 but found " + value);
        }
    }

    public static void length(String what, float[] data, long expected) {
        if (data == null) {
            throw new IllegalArgumentException("Expected " + what + " to hold " + expected + " floats but found null");
        }
        if (data.length != expected) {
            throw new IllegalArgumentException("Expected " + what + " to hold " + expected + " floats but found "
                    + data.length);
        }
    }

    /** Throws naming the first index whose value is NaN or infinite. */
    public static void finite(String what, float[] data) {
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new IllegalArgumentException("Expected finite values in " + what + " but found " + data[i]
                        + " at index " + i);
            }
        }
    }

    /** Throws naming the first index whose value lies outside [0, 1]. */
    public static void unitRange(String what, float[] data) {
        for (int i = 0; i < data.length; i++) {
            float v = data[i];
            if (!(v >= 0f && v <= 1f)) {
                throw new IllegalArgumentException("Expected " + what + " pixel values in [0, 1] but found " + v
                        + " at index " + i);
            }
        }
    }
}
