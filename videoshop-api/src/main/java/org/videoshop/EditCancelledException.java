package org.videoshop;

import java.util.concurrent.CancellationException;

/** Thrown when an edit was cancelled by its token or its thread was interrupted; nothing partial is returned. */
public final class EditCancelledException extends CancellationException {
    private static final long serialVersionUID = 1L;

    private final transient Stage stage;
    private final int step;

    public EditCancelledException(String message, Stage stage, int step) {
        super(message);
        this.stage = stage;
        this.step = step;
    }

    /** The stage the edit was in. */
    public Stage stage() {
        return stage;
    }

    /** The step within that stage. */
    public int step() {
        return step;
    }
}
