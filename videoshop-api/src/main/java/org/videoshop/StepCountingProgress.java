package org.videoshop;

/**
 * Forwards an edit's per-stage progress to the caller's listener and counts it as units of the overall signal
 * ({@link ProgressListener#onOverall}): every report of a completed step (step above 0) is one unit. One per edit;
 * not thread-safe.
 */
final class StepCountingProgress implements ProgressListener {

    private final ProgressListener user;
    private final int windows;
    private final long total;
    private long done;
    private int window;

    StepCountingProgress(ProgressListener user, int windows, long total) {
        this.user = user == null ? ProgressListener.NONE : user;
        this.windows = windows;
        this.total = total;
    }

    /** Announces the edit: 0 of {@code total}. */
    void start() {
        user.onOverall(0, windows, 0, total);
    }

    /** The window now in progress. */
    void window(int k) {
        window = k;
    }

    long done() {
        return done;
    }

    @Override
    public void onProgress(Stage stage, int step, int stageTotal) {
        user.onProgress(stage, step, stageTotal);
        if (step > 0) {
            done++;
            user.onOverall(window, windows, done, total);
        }
    }
}
