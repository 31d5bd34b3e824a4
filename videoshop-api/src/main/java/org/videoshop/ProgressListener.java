package org.videoshop;

/**
 * Receives progress from an edit, on the editing thread: {@code step} of {@code total} within {@code stage} has
 * just completed (step 0 announces the stage). Implementations should return quickly.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = (stage, step, total) -> { };

    void onProgress(Stage stage, int step, int total);
}
