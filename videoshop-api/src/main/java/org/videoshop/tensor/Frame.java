package org.videoshop.tensor;

import java.util.Arrays;

/**
 * One RGB image as planar floats [3, height, width] in [0, 1] (red plane, then green, then blue).
 * Immutable: the record keeps its own copy of the array it is given and {@link #data()} returns a copy, so
 * neither the creator nor a reader can change it.
 */
public record Frame(int height, int width, float[] data) {

    public Frame {
        Checks.positive("frame height", height);
        Checks.positive("frame width", width);
        Checks.length("frame " + width + "x" + height, data, 3L * height * width);
        data = data.clone();
    }

    /** A copy of the values, [3, height, width]. */
    @Override
    public float[] data() {
        return data.clone();
    }

    /** Copies the values into {@code dest} from index {@code offset} (a whole clip's array, say). */
    public void copyTo(float[] dest, int offset) {
        System.arraycopy(data, 0, dest, offset, data.length);
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
