package org.videoshop.tensor;

import java.util.Arrays;

/**
 * One RGB image as planar floats [3, height, width] in [0, 1] (red plane, then green, then blue).
 * The record shares its array with the caller; whoever created it owns the array.
 */
public record Frame(int height, int width, float[] data) {

    public Frame {
        Checks.positive("frame height", height);
        Checks.positive("frame width", width);
        Checks.length("frame " + width + "x" + height, data, 3L * height * width);
    }

    /** Floats in this frame: 3 * height * width. */
    public int size() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.height == height && f.width == width && Arrays.equals(f.data, data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data) * 31 + height * 7 + width;
    }

    @Override
    public String toString() {
        return "Frame[" + width + "x" + height + "]";
    }
}
