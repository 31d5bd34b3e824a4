package org.videoshop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a JMH JSON result file ({@code -rf json -rff FILE}) into tables: for every kernel of
 * {@link KernelBenchmark}, the bytes it moves per second as a fraction of its {@code copy}'s
 * ({@code System.arraycopy}) at the same shape; and the time per edit of {@link EditBenchmark}. A result sampled
 * per call ({@code Mode.SampleTime}) counts by its median, an average-time one by its mean. Usage:
 * {@code KernelReport results.json}.
 */
public final class KernelReport {

    /**
     * One kernel's result.
     *
     * @param backend       latent backend
     * @param shape         latent shape TxCxhxw
     * @param kernel        kernel (benchmark method) name
     * @param microsPerCall median (sampled) or mean (average-time mode) time per call
     * @param error         JMH's 99.9 % error of the mean
     * @param gbPerSecond   bytes moved (arrays read plus written) per second, in 1e9
     * @param ofCopy        gbPerSecond divided by the copy's at the same shape (NaN without a copy result)
     */
    public record Row(String backend, String shape, String kernel, double microsPerCall, double error,
                      double gbPerSecond, double ofCopy) {
    }

    /**
     * One whole-edit result.
     *
     * @param model       model name or path
     * @param backend     latent backend
     * @param frames      frames per clip
     * @param msPerEdit   mean time per edit
     * @param error       JMH's 99.9 % error
     */
    public record EditRow(String model, String backend, int frames, double msPerEdit, double error) {
    }

    private KernelReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("Usage: KernelReport RESULTS.json   (from java -jar benchmarks.jar -rf json -rff FILE)");
            System.exit(2);
        }
        JsonNode root = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        List<Row> kernels = kernels(root);
        List<EditRow> edits = edits(root);
        if (!kernels.isEmpty()) {
            System.out.print(kernelTable(kernels));
        }
        if (!kernels.isEmpty() && !edits.isEmpty()) {
            System.out.println();
        }
        if (!edits.isEmpty()) {
            System.out.print(editTable(edits));
        }
    }

    /** The kernel rows of a JMH JSON array, copy rows included (fraction 1), sorted by shape, backend, kernel. */
    public static List<Row> kernels(JsonNode root) {
        Map<String, Double> copyBytesPerSecond = new HashMap<>();
        List<JsonNode> kernelNodes = new ArrayList<>();
        for (JsonNode n : root) {
            String bench = n.path("benchmark").asText();
            if (bench.endsWith("KernelBenchmark.copy")) {
                String shape = n.path("params").path("shape").asText();
                copyBytesPerSecond.put(shape, bytesPerSecond(shape, "copy", micros(n)));
            } else if (bench.contains("KernelBenchmark.")) {
                kernelNodes.add(n);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Double> e : copyBytesPerSecond.entrySet()) {
            double us = 2.0 * KernelBenchmark.parseShape(e.getKey()).size() * Float.BYTES / e.getValue() * 1e6;
            rows.add(new Row("-", e.getKey(), "copy", us, Double.NaN, e.getValue() / 1e9, 1.0));
        }
        for (JsonNode n : kernelNodes) {
            String bench = n.path("benchmark").asText();
            String kernel = bench.substring(bench.lastIndexOf('.') + 1);
            String shape = n.path("params").path("shape").asText();
            double us = micros(n);
            double bps = bytesPerSecond(shape, kernel, us);
            Double copy = copyBytesPerSecond.get(shape);
            rows.add(new Row(n.path("params").path("backend").asText("-"), shape, kernel, us,
                    n.path("primaryMetric").path("scoreError").asDouble(Double.NaN), bps / 1e9,
                    copy == null ? Double.NaN : bps / copy));
        }
        rows.sort(Comparator.comparing(Row::shape).thenComparing(r -> !r.kernel().equals("copy"))
                .thenComparing(Row::backend).thenComparing(Row::kernel));
        return rows;
    }

    /** The whole-edit rows of a JMH JSON array, by model, backend and frames. */
    public static List<EditRow> edits(JsonNode root) {
        List<EditRow> rows = new ArrayList<>();
        for (JsonNode n : root) {
            if (n.path("benchmark").asText().endsWith("EditBenchmark.edit")) {
                JsonNode p = n.path("params");
                JsonNode m = n.path("primaryMetric");
                double ms = m.path("score").asDouble() * toMillis(m.path("scoreUnit").asText());
                double err = m.path("scoreError").asDouble(Double.NaN) * toMillis(m.path("scoreUnit").asText());
                rows.add(new EditRow(p.path("model").asText(), p.path("backend").asText(), p.path("frames").asInt(),
                        ms, err));
            }
        }
        rows.sort(Comparator.comparing(EditRow::model).thenComparing(EditRow::backend)
                .thenComparingInt(EditRow::frames));
        return rows;
    }

    /** A Markdown table of kernel rows. */
    public static String kernelTable(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| shape | backend | kernel | µs/call | GB/s | fraction of copy |\n");
        sb.append("| --- | --- | --- | ---: | ---: | ---: |\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %.2f | %.2f |%n", r.shape(), r.backend(),
                    r.kernel(), r.microsPerCall(), r.gbPerSecond(), r.ofCopy()));
        }
        return sb.toString();
    }

    /** A Markdown table of edit rows, with each row's time per frame. */
    public static String editTable(List<EditRow> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| model | backend | frames | ms/edit | ± | ms/frame |\n");
        sb.append("| --- | --- | ---: | ---: | ---: | ---: |\n");
        for (EditRow r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.1f | %.2f |%n", r.model(), r.backend(),
                    r.frames(), r.msPerEdit(), r.error(), r.msPerEdit() / r.frames()));
        }
        return sb.toString();
    }

    static double bytesPerSecond(String shape, String kernel, double microsPerCall) {
        Integer streams = KernelBenchmark.STREAMS.get(kernel);
        if (streams == null) {
            throw new IllegalArgumentException("Expected a kernel of " + KernelBenchmark.STREAMS.keySet()
                    + " but found " + kernel);
        }
        double bytes = (double) streams * KernelBenchmark.parseShape(shape).size() * Float.BYTES;
        return bytes / (microsPerCall * 1e-6);
    }

    /** Microseconds per call: the median of a sampled result, else the mean. */
    static double micros(JsonNode n) {
        JsonNode m = n.path("primaryMetric");
        JsonNode median = m.path("scorePercentiles").path("50.0");
        double score = "sample".equals(n.path("mode").asText()) && median.isNumber() ? median.asDouble()
                : m.path("score").asDouble();
        return score * toMillis(m.path("scoreUnit").asText()) * 1e3;
    }

    private static double toMillis(String unit) {
        return switch (unit) {
            case "ns/op" -> 1e-6;
            case "us/op" -> 1e-3;
            case "ms/op" -> 1.0;
            case "s/op" -> 1e3;
            default -> throw new IllegalArgumentException("Expected a time-per-operation unit (ns/op, us/op, ms/op,"
                    + " s/op: run in AverageTime mode) but found " + unit);
        };
    }
}
