package org.videoshop;

/**
 * Receives progress from an edit, on the editing thread. Two signals:
 * <ul>
 * <li>{@link #onProgress}: {@code step} of {@code total} within {@code stage} of the window in progress has just
 * completed (step 0 announces the stage); stages repeat for every window.</li>
 * <li>{@link #onOverall}: the whole edit, for one bar with an estimate of the time left: {@code total} is fixed for
 * the edit, {@code done} starts at 0 and rises by exactly 1 per call up to {@code total}. One unit per frame read
 * ({@link Stage#READ}), per frame written ({@link Stage#WRITE}), per encoder step ({@link Stage#ENCODE}), per
 * denoiser step ({@link Stage#INVERT}, {@link Stage#RECONSTRUCT}, {@link Stage#GENERATE}), per rescale and per
 * decoder call.</li>
 * </ul>
 * Implementations should return quickly.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = (stage, step, total) -> { };

    void onProgress(Stage stage, int step, int total);

    /**
     * Overall progress: {@code done} of {@code total} units, while window {@code window} (0-based) of
     * {@code windows} is in progress. The default ignores it.
     */
    default void onOverall(int window, int windows, long done, long total) {
    }
}
