package org.videoshop;

import java.util.function.IntConsumer;
import org.videoshop.pipeline.StepContext;

/**
 * A per-frame loop run as one stage of an edit (reading or writing frames): one progress step per frame and a
 * cancellation check before each. Stateless.
 */
final class FrameStage {

    private FrameStage() {
    }

    /**
     * Runs {@code perFrame} for frames {@code from} (inclusive) to {@code to} (exclusive) as {@code stage} of
     * {@code io}; an empty range announces no stage. Returns the frame after the last one run ({@code to}, or
     * {@code from} when the range is empty).
     */
    static int run(StepContext io, Stage stage, int from, int to, IntConsumer perFrame) {
        if (from >= to) {
            return from;
        }
        io.begin(stage, to - from);
        for (int t = from; t < to; t++) {
            io.check(t - from + 1);
            perFrame.accept(t);
            io.advance();
        }
        io.finish();
        return to;
    }
}
