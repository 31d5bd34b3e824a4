package org.videoshop.bench.eval;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The full-resolution evaluation's plot: one panel per kind of edit with the edit-region PSNR of each frame 1..T-1
 * per method, then the PSNR outside the edit region and over whole frames for all kinds together; the panels are
 * drawn with XChart and tiled with Java2D into one PNG. Identical pixels (infinite PSNR) are drawn at
 * {@value PsnrPlot#CAP_DB} dB.
 */
public final class KindPlot {

    private static final int PANEL_W = 520;
    private static final int PANEL_H = 340;
    private static final int COLUMNS = 3;

    private KindPlot() {
    }

    /** Writes the panels of {@code report} to {@code png}. */
    public static void write(EvaluationReport report, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<BufferedImage> panels = new ArrayList<>();
        for (String kind : report.kinds()) {
            panels.add(panel(report, kind, kind + ": PSNR in the edit region", CaseResult::frameRegionPsnr));
        }
        panels.add(panel(report, null, "all kinds: PSNR outside the edit region", CaseResult::frameOutsidePsnr));
        panels.add(panel(report, null, "all kinds: PSNR of whole frames", CaseResult::framePsnr));
        int rows = (panels.size() + COLUMNS - 1) / COLUMNS;
        BufferedImage sheet = new BufferedImage(COLUMNS * PANEL_W, rows * PANEL_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            for (int i = 0; i < panels.size(); i++) {
                g.drawImage(panels.get(i), (i % COLUMNS) * PANEL_W, (i / COLUMNS) * PANEL_H, null);
            }
        } finally {
            g.dispose();
        }
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ImageIO.write(sheet, "png", png.toFile());
    }

    private static BufferedImage panel(EvaluationReport report, String kind, String title,
                                       Function<CaseResult, double[]> series) {
        XYChart chart = new XYChartBuilder().width(PANEL_W).height(PANEL_H).title(title).xAxisTitle("frame")
                .yAxisTitle("PSNR (dB)").build();
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(13f));
        boolean any = false;
        for (Method m : Method.values()) {
            List<CaseResult> rs = kind == null ? report.of(m) : report.of(kind, m);
            if (rs.isEmpty()) {
                continue;
            }
            double[] mean = PsnrPlot.meanCurve(rs, series);
            if (mean.length < 2) {
                continue;
            }
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int t = 1; t < mean.length; t++) {
                if (!Double.isNaN(mean[t])) {
                    x.add((double) t);
                    y.add(mean[t]);
                }
            }
            if (!x.isEmpty()) {
                chart.addSeries(m.id(), x, y).setMarker(SeriesMarkers.CIRCLE);
                any = true;
            }
        }
        if (!any) {
            chart.addSeries("none", new double[] {0}, new double[] {0});
        }
        return BitmapEncoder.getBufferedImage(chart);
    }
}
