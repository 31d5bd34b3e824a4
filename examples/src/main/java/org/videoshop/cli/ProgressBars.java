package org.videoshop.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.videoshop.ProgressListener;
import org.videoshop.Stage;

/**
 * A {@link ProgressListener} that draws one progress bar per stage on stderr (step counts, elapsed time and an
 * estimate of what remains), using {@code me.tongfei:progressbar}. Each bar is closed, which prints its final
 * state on its own line, when the next stage begins or when this object is closed.
 */
public final class ProgressBars implements ProgressListener, AutoCloseable {

    private final PrintStream out;
    private ProgressBar bar;
    private Stage stage;

    private ProgressBars(PrintStream out) {
        this.out = out;
    }

    /** Bars on stderr, or a silent listener when {@code quiet}. */
    public static ProgressBars create(boolean quiet) {
        return new ProgressBars(quiet ? null : System.err);
    }

    @Override
    public synchronized void onProgress(Stage s, int step, int total) {
        if (out == null) {
            return;
        }
        if (bar == null || s != stage) {
            closeBar();
            stage = s;
            bar = new ProgressBarBuilder()
                    .setTaskName(label(s))
                    .setInitialMax(Math.max(1, total))
                    .setStyle(System.console() != null ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK
                            : ProgressBarStyle.ASCII)
                    .setUnit(" steps", 1)
                    .setMaxRenderedLength(100)
                    .setUpdateIntervalMillis(200)
                    .showSpeed()
                    .setConsumer(new ConsoleProgressBarConsumer(out))
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
            bar.close();
            bar = null;
        }
    }

    @Override
    public synchronized void close() {
        closeBar();
    }

    /** Seconds with one decimal, for summaries. */
    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
