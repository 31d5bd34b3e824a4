package org.videoshop;

import java.awt.image.BufferedImage;
import org.videoshop.tensor.Mask;

/**
 * A caller's mask as a streaming edit reads it: frame t's one-frame mask at the clip's size, in order. Either a
 * {@link Mask} in memory or a {@link FrameSource} of mask images (one for the whole clip, or one per frame) that is
 * read along with the source. Not thread-safe.
 */
abstract class MaskFrames {

    /** Frame t's mask (t rises by 1 from 0 on each call). */
    abstract Mask next(int t);

    /** Null for null. */
    static MaskFrames of(Mask mask) {
        if (mask == null) {
            return null;
        }
        return new MaskFrames() {
            @Override
            Mask next(int t) {
                return mask.frames() == 1 ? mask : mask.frames(t, t + 1);
            }
        };
    }

    /** Mask images read from {@code source} with that soft-edge radius; null for null. */
    static MaskFrames of(FrameSource source, int feather) {
        if (source == null) {
            return null;
        }
        return new MaskFrames() {
            private Mask single;

            @Override
            Mask next(int t) {
                if (single != null) {
                    return single;
                }
                BufferedImage image = source.read();
                if (image == null || image.getWidth() != source.width() || image.getHeight() != source.height()) {
                    throw new IllegalArgumentException("Expected mask frame " + t + " of " + source.width() + "x"
                            + source.height() + " but found " + (image == null ? "null"
                            : image.getWidth() + "x" + image.getHeight()));
                }
                Mask m = Mask.of(image).withFeather(feather);
                if (source.frameCount() == 1) {
                    single = m;
                }
                return m;
            }
        };
    }
}
