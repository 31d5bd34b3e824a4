package org.videoshop.pipeline;

import org.videoshop.tensor.Mask;
import org.videoshop.tensor.Video;

/**
 * Composites an edited clip over its source through a feathered mask: out = src + m (edit - src). Where the
 * feathered weight is exactly 0 the source value is copied, so the output equals the source there exactly.
 */
public final class Composite {
    private Composite() {
    }

    /** A new clip; {@code mask} must have the clip's size (one plane, or one per frame). */
    public static Video apply(Video source, Video edited, Mask mask) {
        if (mask.width() != source.width() || mask.height() != source.height()) {
            throw new IllegalArgumentException("Expected a mask of " + source.width() + "x" + source.height()
                    + " like the video but found " + mask.width() + "x" + mask.height());
        }
        if (mask.frames() != 1 && mask.frames() != source.frames()) {
            throw new IllegalArgumentException("Expected a mask of 1 or " + source.frames() + " frames but found "
                    + mask.frames());
        }
        float[] src = source.data();
        float[] edit = edited.data();
        float[] out = new float[src.length];
        int plane = source.width() * source.height();
        float[] m = null;
        for (int t = 0; t < source.frames(); t++) {
            if (m == null || mask.frames() > 1) {
                m = mask.feathered(t);
            }
            for (int c = 0; c < 3; c++) {
                int base = (t * 3 + c) * plane;
                for (int i = 0; i < plane; i++) {
                    float w = m[i];
                    float s = src[base + i];
                    out[base + i] = w == 0f ? s : s + w * (edit[base + i] - s);
                }
            }
        }
        return new Video(source.frames(), source.height(), source.width(), out);
    }
}
