package org.videoshop.tensor;

import java.util.Arrays;
import java.util.List;

/**
 * A clip of RGB frames as planar floats [frames, 3, height, width] in [0, 1].
 * Immutable: the record keeps its own copy of the array it is given and {@link #data()} returns a copy, so
 * neither the creator nor a reader can change it.
 */
public record Video(int frames, int height, int width, float[] data) {

    public Video {
        Checks.positive("frame count", frames);
        Checks.positive("frame height", height);
        Checks.positive("frame width", width);
        Checks.length("video of " + frames + " frames " + width + "x" + height, data, 3L * frames * height * width);
        data = data.clone();
    }

    /** A copy of the values, [frames, 3, height, width]. */
    @Override
    public float[] data() {
        return data.clone();
    }

    /** Floats in one frame: 3 * height * width. */
    public int frameSize() {
        return 3 * height * width;
    }

    /** A copy of frame {@code index}. */
    public Frame frame(int index) {
        if (index < 0 || index >= frames) {
            throw new IndexOutOfBoundsException("Expected a frame index in [0, " + frames + ") but found " + index);
        }
        int fs = frameSize();
        return new Frame(height, width, Arrays.copyOfRange(data, index * fs, (index + 1) * fs));
    }

    /** A copy of frames [from, to). */
    public Video frames(int from, int to) {
        if (from < 0 || to > frames || from >= to) {
            throw new IllegalArgumentException("Expected a frame range within [0, " + frames + "] but found ["
                    + from + ", " + to + ")");
        }
        int fs = frameSize();
        return new Video(to - from, height, width, Arrays.copyOfRange(data, from * fs, to * fs));
    }

    /** Stacks frames of one size into a clip (copies). */
    public static Video of(List<Frame> list) {
        if (list == null || list.isEmpty()) {
            throw new IllegalArgumentException("Expected at least one frame but found "
                    + (list == null ? "null" : "an empty list"));
        }
        Frame first = list.get(0);
        int fs = first.size();
        float[] data = new float[fs * list.size()];
        for (int i = 0; i < list.size(); i++) {
            Frame f = list.get(i);
            if (f == null) {
                throw new IllegalArgumentException("Expected a frame at index " + i + " but found null");
            }
            if (f.height() != first.height() || f.width() != first.width()) {
                throw new IllegalArgumentException("Expected every frame to be " + first.width() + "x"
                        + first.height() + " like frame 0 but frame " + i + " is " + f.width() + "x" + f.height());
            }
            f.copyTo(data, i * fs);
        }
        return new Video(list.size(), first.height(), first.width(), data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Video v && v.frames == frames && v.height == height && v.width == width
                && Arrays.equals(v.data, data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data) * 31 + frames;
    }

    @Override
    public String toString() {
        return "Video[" + frames + " frames, " + width + "x" + height + "]";
    }
}
