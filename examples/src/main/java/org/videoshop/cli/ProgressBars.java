package org.videoshop.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.videoshop.ProgressListener;
import org.videoshop.Stage;

/**
 * A {@link ProgressListener} that draws one progress bar per stage on stderr (step counts, elapsed time and an
 * estimate of what remains), using {@code me.tongfei:progressbar}. Each bar is closed, which prints its final
 * state on its own line, when the next stage begins or when this object is closed.
 */
public final class ProgressBars implements ProgressListener, AutoCloseable {

    /** Widest a bar is drawn, in characters. */
    static final int WIDTH = 100;

    private final PrintWriter out;
    private ProgressBar bar;
    private WriterConsumer consumer;
    private Stage stage;

    private ProgressBars(PrintWriter out) {
        this.out = out;
    }

    /** Bars on {@code err} (the command's stderr), or a silent listener when {@code quiet}. */
    public static ProgressBars create(boolean quiet, PrintWriter err) {
        return new ProgressBars(quiet ? null : err);
    }

    @Override
    public synchronized void onProgress(Stage s, int step, int total) {
        if (out == null) {
            return;
        }
        if (bar == null || s != stage) {
            closeBar();
            stage = s;
            consumer = new WriterConsumer(out);
            bar = new ProgressBarBuilder()
                    .setTaskName(label(s))
                    .setInitialMax(Math.max(1, total))
                    .setStyle(System.console() != null ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK
                            : ProgressBarStyle.ASCII)
                    .setUnit(" steps", 1)
                    .setMaxRenderedLength(WIDTH)
                    .setUpdateIntervalMillis(200)
                    .showSpeed()
                    .setConsumer(consumer)
                    .build();
        }
        bar.maxHint(Math.max(1, total));
        bar.stepTo(step);
    }

    private static String label(Stage s) {
        String name = s.name().toLowerCase(Locale.ROOT);
        return String.format(Locale.ROOT, "%-8s", name);
    }

    private void closeBar() {
        if (bar != null) {
            bar.close(); // waits for the bar's final render
            bar = null;
            // progressbar 0.10.1 skips closing the consumer when the bar closes before its first scheduled
            // refresh (a stage done within one update interval); end the line here in that case.
            consumer.close();
            consumer = null;
        }
    }

    @Override
    public synchronized void close() {
        closeBar();
    }

    /**
     * Draws each rendering over the previous one ({@code \r}) on the command's stderr, and ends the line once when
     * the bar closes: {@link me.tongfei.progressbar.ConsoleProgressBarConsumer} does the same on a {@code PrintStream},
     * where picocli gives commands a {@code PrintWriter}.
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
