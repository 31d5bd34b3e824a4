package org.videoshop.bench.eval;

import java.io.IOException;
import java.nio.file.Path;

/** Writes the plot that fits a report: {@link KindPlot} for the full-resolution evaluation, else {@link PsnrPlot}. */
public final class Plots {

    private Plots() {
    }

    /** Writes {@code report}'s plot to {@code png}. */
    public static void write(EvaluationReport report, Path png) throws IOException {
        boolean full = report.results().stream().anyMatch(r -> r.method().fullResolution());
        if (full) {
            KindPlot.write(report, png);
        } else {
            PsnrPlot.write(report, png);
        }
    }
}
