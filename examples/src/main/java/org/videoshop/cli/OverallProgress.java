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
 * {@code me.tongfei:progressbar}. It follows the editor's overall signal ({@code onOverall}) when the library
 * sends one; otherwise it counts the per-stage steps against what {@link #expect} announced. Silent when created
 * quiet. Closing prints the final state on its own line; closing twice is harmless.
 */
public final class OverallProgress implements ProgressListener, AutoCloseable {

    /** Widest the bar is drawn, in characters. */
    static final int WIDTH = 100;

    private final PrintWriter out;
    private final String task;
    private ProgressBar bar;
    private WriterConsumer consumer;
    private String window = "";
    private Stage stage;
    private boolean fromLibrary;
    private int estWindows = 1;
    private int estWindow;
    private long estDone;
    private long estTotal;
    private boolean encodeSeen;

    private OverallProgress(PrintWriter out, String task) {
        this.out = out;
        this.task = task;
    }

    /** A bar named {@code task} ("edit") on {@code err}, or a silent listener when {@code quiet}. */
    public static OverallProgress create(boolean quiet, PrintWriter err, String task) {
        return new OverallProgress(quiet ? null : err, task);
    }

    @Override
    public synchronized void onProgress(Stage s, int step, int total) {
        if (s != stage) {
            stage = s;
            message();
        }
        if (fromLibrary || estTotal == 0) {
            return;
        }
        if (s == Stage.ENCODE && step == 0) {
            if (encodeSeen) {
                estWindow = Math.min(estWindows - 1, estWindow + 1);
            }
            encodeSeen = true;
        }
        if (step > 0) {
            advance();
        }
    }

    /**
     * Announces the work, for a library that reports only per-stage steps: {@code windows} windows of about
     * {@code stepsPerWindow} model steps, plus {@code otherUnits} counted with {@link #advance()} (frames read or
     * written). Ignored once the library reports overall progress itself.
     */
    synchronized void expect(int windows, long stepsPerWindow, long otherUnits) {
        if (fromLibrary) {
            return;
        }
        estWindows = Math.max(1, windows);
        estTotal = Math.max(1, estWindows * stepsPerWindow + otherUnits);
        estDone = 0;
        draw(0, estWindows, 0, estTotal);
    }

    /** One more unit of the announced work done (ignored once the library reports overall progress). */
    synchronized void advance() {
        if (!fromLibrary && estTotal > 0) {
            estDone = Math.min(estTotal - 1, estDone + 1); // the last unit is the end: see complete()
            draw(estWindow, estWindows, estDone, estTotal);
        }
    }

    /** The work is done: the announced bar ends at 100%. */
    synchronized void complete() {
        if (!fromLibrary && estTotal > 0) {
            estDone = estTotal;
            draw(estWindows - 1, estWindows, estDone, estTotal);
        }
    }

    /** Overall progress: {@code done} of {@code total} units while window {@code window} of {@code windows} runs. */
    public synchronized void onOverall(int windowIndex, int windows, long done, long total) {
        fromLibrary = true;
        draw(windowIndex, windows, done, total);
    }

    private void draw(int windowIndex, int windows, long done, long total) {
        if (out == null) {
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
                    .setUpdateIntervalMillis(250)
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
        if (bar != null) {
            bar.close();
            bar = null;
            consumer.close(); // progressbar 0.10.1 may skip it when closed before its first refresh
            consumer = null;
        }
    }

    /** Draws each rendering over the previous one ({@code \r}) and ends the line once when the bar closes. */
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
