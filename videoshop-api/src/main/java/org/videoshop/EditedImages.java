package org.videoshop;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Edited frames at the input's size and how they were made ({@link VideoEditor#editImages}). The images belong to
 * the caller.
 *
 * @param frames     the edited frames in display order (an unmodifiable list)
 * @param provenance seed, versions, settings and timings
 */
public record EditedImages(List<BufferedImage> frames, Provenance provenance) {

    public EditedImages {
        if (frames == null || frames.isEmpty()) {
            throw new IllegalArgumentException("Expected at least one edited frame but found "
                    + (frames == null ? "null" : "none"));
        }
        if (provenance == null) {
            throw new IllegalArgumentException("Expected a provenance but found null");
        }
        frames = List.copyOf(frames);
    }
}
