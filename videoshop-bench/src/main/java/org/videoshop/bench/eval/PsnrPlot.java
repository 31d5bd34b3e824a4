package org.videoshop.bench.eval;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Per-frame PSNR curves of frames 1..T-1, one per method (mean over the cases that have that frame), as a PNG
 * drawn with XChart. Identical frames (infinite PSNR) are drawn at {@value #CAP_DB} dB.
 */
public final class PsnrPlot {

    /** Where infinite PSNR is drawn. */
    public static final double CAP_DB = 60;

    private PsnrPlot() {
    }

    /** Writes the chart of {@code report} to {@code png}. */
    public static void write(EvaluationReport report, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(540)
                .title("Per-frame PSNR against the ground-truth edit (" + report.model() + ")")
                .xAxisTitle("frame").yAxisTitle("PSNR (dB)").build();
        chart.getStyler().setMarkerSize(5);
        for (Method m : Method.values()) {
            List<CaseResult> rs = report.of(m);
            if (rs.isEmpty()) {
                continue;
            }
            double[] mean = meanCurve(rs);
            if (mean.length < 2) {
                continue;
            }
            // frames 1..T-1, the frames the scores cover (frame 0 is the user's edit itself)
            double[] x = new double[mean.length - 1];
            double[] y = new double[mean.length - 1];
            for (int t = 1; t < mean.length; t++) {
                x[t - 1] = t;
                y[t - 1] = mean[t];
            }
            chart.addSeries(m.id(), x, y).setMarker(SeriesMarkers.CIRCLE);
        }
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream os = Files.newOutputStream(png)) {
            BitmapEncoder.saveBitmap(chart, os, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /** Mean per-frame PSNR over the cases that reach each frame, capped at {@link #CAP_DB}. */
    static double[] meanCurve(List<CaseResult> rs) {
        return meanCurve(rs, CaseResult::framePsnr);
    }

    /** Mean of a per-frame PSNR series over the cases that reach each frame, capped at {@link #CAP_DB}. */
    static double[] meanCurve(List<CaseResult> rs, java.util.function.Function<CaseResult, double[]> series) {
        int len = rs.stream().mapToInt(r -> series.apply(r).length).max().orElse(0);
        double[] sum = new double[len];
        int[] n = new int[len];
        for (CaseResult r : rs) {
            double[] f = series.apply(r);
            for (int t = 0; t < f.length; t++) {
                if (!Double.isNaN(f[t])) {
                    sum[t] += Math.min(CAP_DB, f[t]);
                    n[t]++;
                }
            }
        }
        double[] out = new double[len];
        for (int t = 0; t < len; t++) {
            out[t] = n[t] == 0 ? Double.NaN : sum[t] / n[t];
        }
        return out;
    }
}
