package org.videoshop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * One command, several rounds of the same JMH selection (A/B alternation on a shared machine: within a round JMH
 * runs each benchmark's backends one after the other, java then nd4j; rounds repeat the whole selection), with the
 * 1-minute load average read before and after each round. Prints each round's tables ({@link KernelReport}) and a
 * summary: per kernel the median over rounds of its fraction of copy and of its time relative to {@code java}; per
 * edit the median over rounds of its time relative to {@code java}. Usage:
 * {@code benchmarks.jar rounds N [--json PREFIX] JMH-ARGS...}; round r's raw results go to PREFIX-r.json.
 */
public final class Rounds {

    private Rounds() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !args[0].matches("[1-9][0-9]*")) {
            System.err.println("Usage: rounds N [--json PREFIX] JMH-ARGS...   (N >= 1 rounds of the same selection)");
            System.exit(2);
        }
        int rounds = Integer.parseInt(args[0]);
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        String prefix = "rounds";
        int json = rest.indexOf("--json");
        if (json >= 0) {
            if (json + 1 >= rest.size()) {
                System.err.println("Expected a file prefix after --json but found nothing");
                System.exit(2);
            }
            prefix = rest.get(json + 1);
            rest.subList(json, json + 2).clear();
        }
        List<List<KernelReport.Row>> kernelRounds = new ArrayList<>();
        List<List<KernelReport.EditRow>> editRounds = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            Path out = Path.of(prefix + "-" + r + ".json");
            List<String> jmh = new ArrayList<>(Arrays.asList(BenchMain.jmhArgs(rest.toArray(String[]::new))));
            jmh.addAll(List.of("-rf", "json", "-rff", out.toString()));
            String before = LoadAverage.now();
            new Runner(new CommandLineOptions(jmh.toArray(String[]::new))).run();
            String after = LoadAverage.now();
            JsonNode root = new ObjectMapper().readTree(out.toFile());
            kernelRounds.add(KernelReport.kernels(root));
            editRounds.add(KernelReport.edits(root));
            System.out.printf(Locale.ROOT, "%n## Round %d of %d (1-minute load average %s before, %s after; %s)%n%n",
                    r, rounds, before, after, out);
            System.out.print(KernelReport.kernelTable(kernelRounds.get(r - 1)));
            if (!editRounds.get(r - 1).isEmpty()) {
                System.out.println();
                System.out.print(KernelReport.editTable(editRounds.get(r - 1)));
            }
        }
        System.out.printf(Locale.ROOT, "%n## Summary over %d rounds (medians)%n", rounds);
        if (kernelRounds.stream().anyMatch(k -> !k.isEmpty())) {
            System.out.println();
            System.out.print(kernelSummary(kernelRounds));
        }
        if (editRounds.stream().anyMatch(e -> !e.isEmpty())) {
            System.out.println();
            System.out.print(editSummary(editRounds));
        }
    }

    /** Per shape, backend and kernel: median µs/call, the fraction of copy per round and its median. */
    static String kernelSummary(List<List<KernelReport.Row>> rounds) {
        Map<String, List<KernelReport.Row>> byKey = group(rounds, r -> r.shape() + "|" + r.backend() + "|"
                + r.kernel());
        Map<String, double[]> javaMicros = new LinkedHashMap<>();
        for (Map.Entry<String, List<KernelReport.Row>> e : byKey.entrySet()) {
            if (e.getValue().get(0).backend().equals("java")) {
                javaMicros.put(e.getKey().replace("|java|", "|"), micros(e.getValue()));
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("| shape | backend | kernel | µs/call | fraction of copy per round | fraction of copy | time / java |\n");
        sb.append("| --- | --- | --- | ---: | --- | ---: | ---: |\n");
        for (Map.Entry<String, List<KernelReport.Row>> e : byKey.entrySet()) {
            List<KernelReport.Row> rows = e.getValue();
            KernelReport.Row first = rows.get(0);
            double[] fractions = rows.stream().mapToDouble(KernelReport.Row::ofCopy).toArray();
            double[] java = javaMicros.get(first.shape() + "|" + first.kernel());
            double[] ratio = first.backend().equals("java") ? null : ratios(micros(rows), java);
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %s | %.2f | %s |%n", first.shape(),
                    first.backend(), first.kernel(), median(micros(rows)), join(fractions), median(fractions),
                    ratio == null ? "" : String.format(Locale.ROOT, "%.2f", median(ratio))));
        }
        return sb.toString();
    }

    /** Per model and frames: each backend's median ms/edit and, for the others, its median time relative to java. */
    static String editSummary(List<List<KernelReport.EditRow>> rounds) {
        Map<String, List<KernelReport.EditRow>> byKey = group(rounds, r -> r.model() + "|" + r.frames() + "|"
                + r.backend());
        StringBuilder sb = new StringBuilder();
        sb.append("| model | frames | backend | ms/edit per round | ms/edit | time / java per round | time / java |\n");
        sb.append("| --- | ---: | --- | --- | ---: | --- | ---: |\n");
        for (Map.Entry<String, List<KernelReport.EditRow>> e : byKey.entrySet()) {
            List<KernelReport.EditRow> rows = e.getValue();
            KernelReport.EditRow first = rows.get(0);
            double[] ms = rows.stream().mapToDouble(KernelReport.EditRow::msPerEdit).toArray();
            List<KernelReport.EditRow> java = byKey.get(first.model() + "|" + first.frames() + "|java");
            double[] ratio = first.backend().equals("java") || java == null ? null
                    : ratios(ms, java.stream().mapToDouble(KernelReport.EditRow::msPerEdit).toArray());
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %.1f | %s | %s |%n", first.model(),
                    first.frames(), first.backend(), join(ms), median(ms), ratio == null ? "" : join(ratio),
                    ratio == null ? "" : String.format(Locale.ROOT, "%.3f", median(ratio))));
        }
        return sb.toString();
    }

    private static <T> Map<String, List<T>> group(List<List<T>> rounds, Function<T, String> key) {
        Map<String, List<T>> out = new LinkedHashMap<>();
        for (List<T> round : rounds) {
            for (T row : round) {
                out.computeIfAbsent(key.apply(row), k -> new ArrayList<>()).add(row);
            }
        }
        return out;
    }

    /** a[i] / b[i] per round, or null unless both have a value for every round. */
    static double[] ratios(double[] a, double[] b) {
        if (b == null || a.length != b.length) {
            return null;
        }
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i] / b[i];
        }
        return r;
    }

    private static double[] micros(List<KernelReport.Row> rows) {
        return rows.stream().mapToDouble(KernelReport.Row::microsPerCall).toArray();
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Values of one row, one per round: whole numbers from 100 up, else three significant digits. */
    private static String join(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double d : values) {
            sb.append(sb.length() == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.0f" : "%.3g", d));
        }
        return sb.toString();
    }
}
