package org.videoshop.bench.scene;

import java.util.Arrays;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Video;

/**
 * One generated real-footage case: the source clip, the ground truth (the same scene with the edit made in it), the
 * user's edited first frame (the truth's frame 0) and per frame the edit region (where the edited element can show,
 * and everything that differs). Arrays are copied in and out.
 *
 * @param spec        what was generated
 * @param source      the clip, 8-bit values
 * @param truth       the clip as the edit should make it
 * @param masks       per frame, per pixel (height x width), whether it is in the edit region
 * @param description what the scene and the edit are, in words
 */
public record FootageCase(CaseSpec spec, Video source, Video truth, boolean[][] masks, String description) {

    public FootageCase {
        if (masks.length != source.frames()) {
            throw new IllegalArgumentException("Expected one mask per frame (" + source.frames() + ") but found "
                    + masks.length);
        }
        masks = copy(masks);
    }

    @Override
    public boolean[][] masks() {
        return copy(masks);
    }

    /** The user's edit of frame 0: the truth's first frame. */
    public Frame editedFirst() {
        return truth.frame(0);
    }

    /** The folder name. */
    public String name() {
        return spec.name();
    }

    private static boolean[][] copy(boolean[][] m) {
        return Arrays.stream(m).map(boolean[]::clone).toArray(boolean[][]::new);
    }
}
