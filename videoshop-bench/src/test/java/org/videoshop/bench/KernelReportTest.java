package org.videoshop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelReportTest {

    private static String result(String bench, String params, double score, String unit) {
        return "{\"benchmark\":\"org.videoshop.bench." + bench + "\",\"mode\":\"avgt\",\"params\":{" + params
                + "},\"primaryMetric\":{\"score\":" + score + ",\"scoreError\":0.5,\"scoreUnit\":\"" + unit + "\"}}";
    }

    @Test
    void fractionsAreBytesPerSecondRelativeToTheCopyAtTheSameShape() throws Exception {
        String shape = "\"shape\":\"2x4x8x8\"";
        String json = "[" + result("KernelBenchmark.copy", shape, 100, "us/op") + ","
                + result("KernelBenchmark.scale", "\"backend\":\"java\"," + shape, 125, "us/op") + ","
                + result("KernelBenchmark.extrapolate", "\"backend\":\"java\"," + shape, 0.15, "ms/op") + ","
                + result("KernelBenchmark.channelStats", "\"backend\":\"java\"," + shape, 25000, "ns/op") + ","
                + result("EditBenchmark.edit", "\"backend\":\"java\",\"model\":\"tiny\",\"frames\":\"8\"", 40,
                "ms/op") + "]";
        JsonNode root = new ObjectMapper().readTree(json);
        List<KernelReport.Row> rows = KernelReport.kernels(root);
        assertEquals(4, rows.size());
        assertEquals("copy", rows.get(0).kernel());
        double copyGbs = 2.0 * 2 * 4 * 8 * 8 * 4 / 100e-6 / 1e9;
        assertEquals(copyGbs, rows.get(0).gbPerSecond(), 1e-9);
        assertEquals(0.8, row(rows, "scale").ofCopy(), 1e-9, "2 streams in 125 us vs copy's 2 in 100 us");
        assertEquals(1.0, row(rows, "extrapolate").ofCopy(), 1e-9, "3 streams in 150 us vs 2 in 100 us");
        assertEquals(2.0, row(rows, "channelStats").ofCopy(), 1e-9, "1 stream in 25 us vs 2 in 100 us");
        List<KernelReport.EditRow> edits = KernelReport.edits(root);
        assertEquals(1, edits.size());
        assertEquals(40.0, edits.get(0).msPerEdit(), 1e-12);
        String table = KernelReport.kernelTable(rows);
        assertTrue(table.contains("| 2x4x8x8 | java | scale |"), table);
        assertTrue(KernelReport.editTable(edits).contains("| tiny | java | 8 | 40.0 |"));
    }

    @Test
    void sampledResultsCountByTheirMedian() throws Exception {
        String json = "[{\"benchmark\":\"org.videoshop.bench.KernelBenchmark.copy\",\"mode\":\"sample\","
                + "\"params\":{\"shape\":\"2x4x8x8\"},\"primaryMetric\":{\"score\":300,"
                + "\"scorePercentiles\":{\"50.0\":100},\"scoreUnit\":\"us/op\"}}]";
        assertEquals(100.0, KernelReport.micros(new ObjectMapper().readTree(json).get(0)), 1e-12,
                "the median, not the mean a few preempted calls pull up");
    }

    @Test
    void shapesRoundTrip() {
        assertEquals("14x4x72x128", KernelBenchmark.formatShape(KernelBenchmark.parseShape("14x4x72x128")));
        assertEquals(516096, KernelBenchmark.parseShape("14×4×72×128").size());
    }

    private static KernelReport.Row row(List<KernelReport.Row> rows, String kernel) {
        return rows.stream().filter(r -> r.kernel().equals(kernel)).findFirst().orElseThrow();
    }
}
