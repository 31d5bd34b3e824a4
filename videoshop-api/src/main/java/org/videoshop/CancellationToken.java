package org.videoshop;

/**
 * Cancels an edit from another thread. The edit checks it (and its thread's interrupt flag) before every model
 * call and throws {@link EditCancelledException}. Thread-safe; a token stays cancelled once cancelled.
 */
public final class CancellationToken {

    private volatile boolean cancelled;

    /** Asks every edit using this token to stop at its next step. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws {@link EditCancelledException} when cancelled or when the current thread was interrupted. */
    public void check(Stage stage, int step) {
        if (cancelled) {
            throw new EditCancelledException("Edit cancelled during " + stage + " at step " + step, stage, step);
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new EditCancelledException("Edit interrupted during " + stage + " at step " + step
                    + " (the thread's interrupt flag stays set)", stage, step);
        }
    }
}
