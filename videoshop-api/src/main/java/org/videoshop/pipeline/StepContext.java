package org.videoshop.pipeline;

import java.util.EnumMap;
import java.util.Map;
import org.videoshop.CancellationToken;
import org.videoshop.ProgressListener;
import org.videoshop.Stage;
import org.videoshop.tensor.LatentShape;
import org.videoshop.LatentObserver;

/**
 * Per-edit bookkeeping shared by the loops: cancellation checks, progress, observers and the time spent per
 * stage and inside model calls. One per edit; not thread-safe.
 */
public final class StepContext {

    private final ProgressListener progress;
    private final CancellationToken token;
    private final LatentObserver observer;
    private final Map<Stage, Long> stageNanos = new EnumMap<>(Stage.class);
    private final Map<Stage, Long> modelNanos = new EnumMap<>(Stage.class);
    private Stage current;
    private long stageStart;
    private int total;
    private int done;

    public StepContext(ProgressListener progress, CancellationToken token, LatentObserver observer) {
        this.progress = progress == null ? ProgressListener.NONE : progress;
        this.token = token == null ? new CancellationToken() : token;
        this.observer = observer == null ? LatentObserver.NONE : observer;
    }

    /** A context with no listener, no token and no observer. */
    public static StepContext silent() {
        return new StepContext(null, null, null);
    }

    /** Ends the previous stage's timing and announces {@code stage} with step 0 of {@code total}. */
    public void begin(Stage stage, int total) {
        finish();
        token.check(stage, 0);
        current = stage;
        this.total = total;
        this.done = 0;
        stageStart = System.nanoTime();
        progress.onProgress(stage, 0, total);
    }

    /** The stage in progress (null between stages). */
    public Stage stage() {
        return current;
    }

    /** Throws {@link org.videoshop.EditCancelledException} when the edit must stop before {@code step}. */
    public void check(int step) {
        token.check(current, step);
    }

    /** Whether an observer wants the latents after each step (then the loops copy them to the host for it). */
    public boolean observing() {
        return observer != LatentObserver.NONE;
    }

    /** Shows the observer a window's clean latents x0 before its inversion starts (when one is observing). */
    public void source(LatentShape shape, float[] x0) {
        if (observing()) {
            observer.onSource(shape, x0);
        }
    }

    /** Reports that {@code step} of {@code total} is done, with the latents after it (null: none to observe). */
    public void stepDone(int step, int total, double sigma, LatentShape shape, float[] x) {
        if (x != null) {
            observer.onStep(current, step, sigma, shape, x);
        }
        progress.onProgress(current, step, total);
    }

    /** Reports the next step of the current stage as done (for stages without latents to observe). */
    public void advance() {
        done++;
        progress.onProgress(current, done, total);
    }

    /** Adds time spent inside a model call to the current stage. */
    public void addModelTime(long nanos) {
        if (current != null) {
            modelNanos.merge(current, nanos, Long::sum);
        }
    }

    /** Closes the last stage's timing. */
    public void finish() {
        if (current != null) {
            stageNanos.merge(current, System.nanoTime() - stageStart, Long::sum);
            current = null;
        }
    }

    public Map<Stage, Long> stageNanos() {
        return Map.copyOf(stageNanos);
    }

    public Map<Stage, Long> modelNanos() {
        return Map.copyOf(modelNanos);
    }
}
