package org.videoshop.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.videoshop.ProgressListener;
import org.videoshop.Stage;

/**
 * One progress bar for a whole edit on stderr: the share of all the edit's work done (frames decoded, every
 * model step of every window, frames encoded), the window in progress and an estimate of the time left, drawn by
 * {@code me.tongfei:progressbar}. It follows the editor's overall signal ({@code onOverall}); the per-stage
 * signal only names the stage in progress. Silent when created quiet. Closing ends the bar's line: when
 * {@link #close()} returns, the bar has printed its last character (a line break), so whatever is printed next (the
 * summary, a failure or the cancellation message) starts a line of its own; the library's refresh thread cannot
 * draw over it later. Signals after closing are ignored; closing twice is harmless.
 */
public final class OverallProgress implements ProgressListener, AutoCloseable {

    /** Widest the bar is drawn, in characters. */
    static final int WIDTH = 100;

    private final PrintWriter out;
    private final String task;
    private final int updateMillis;
    private boolean closed;
    private ProgressBar bar;
    private WriterConsumer consumer;
    private String window = "";
    private Stage stage;

    private OverallProgress(PrintWriter out, String task, int updateMillis) {
        this.out = out;
        this.task = task;
        this.updateMillis = updateMillis;
    }

    /** A bar named {@code task} ("edit") on {@code err}, or a silent listener when {@code quiet}. */
    public static OverallProgress create(boolean quiet, PrintWriter err, String task) {
        return create(quiet, err, task, 250);
    }

    /** As {@link #create(boolean, PrintWriter, String)}, redrawing every {@code updateMillis} (tests: often). */
    static OverallProgress create(boolean quiet, PrintWriter err, String task, int updateMillis) {
        return new OverallProgress(quiet ? null : err, task, updateMillis);
    }

    @Override
    public synchronized void onProgress(Stage s, int step, int total) {
        if (s != stage) {
            stage = s;
            message();
        }
    }

    /** Overall progress: {@code done} of {@code total} units while window {@code window} of {@code windows} runs. */
    @Override
    public synchronized void onOverall(int windowIndex, int windows, long done, long total) {
        if (out == null || closed) {
            return;
        }
        if (bar == null) {
            consumer = new WriterConsumer(out);
            bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(Math.max(1, total))
                    .setStyle(System.console() != null ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK
                            : ProgressBarStyle.ASCII)
                    .setMaxRenderedLength(WIDTH)
                    .setUpdateIntervalMillis(updateMillis)
                    .setConsumer(consumer)
                    .build();
        }
        String w = windows > 1 ? "window " + (windowIndex + 1) + "/" + windows : "";
        if (!w.equals(window)) {
            window = w;
            message();
        }
        bar.maxHint(Math.max(1, total));
        bar.stepTo(done);
    }

    private void message() {
        if (bar != null) {
            String s = stage == null ? "" : stage.name().toLowerCase(java.util.Locale.ROOT);
            bar.setExtraMessage(window.isEmpty() ? s : window + " " + s);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (bar != null) {
            bar.close();
            bar = null;
            // progressbar 0.10.1 may skip this when closed before its first refresh, and its periodic refresh may
            // still be drawing on another thread (close() cancels it without waiting): ending the line here, and
            // drawing nothing after that, is what keeps the next message on a line of its own
            consumer.close();
            consumer = null;
        }
    }

    /**
     * Draws each rendering over the previous one ({@code \r}) and ends the line once when the bar closes; a
     * rendering that arrives after that (a refresh that was already running) is dropped.
     */
    private static final class WriterConsumer implements ProgressBarConsumer {
        private final PrintWriter out;
        private final AtomicBoolean closed = new AtomicBoolean();

        WriterConsumer(PrintWriter out) {
            this.out = out;
        }

        @Override
        public int getMaxRenderedLength() {
            return WIDTH;
        }

        @Override
        public void accept(String rendered) {
            synchronized (out) {
                if (closed.get()) {
                    return;
                }
                out.print('\r');
                out.print(rendered);
                out.flush();
            }
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                synchronized (out) {
                    out.println();
                    out.flush();
                }
            }
        }
    }
}
