package org.videoshop.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.videoshop.bench.eval.Evaluate;
import org.videoshop.kernel.Backends;
import org.videoshop.kernel.KernelProvider;
import org.videoshop.model.ModelProvider;
import org.videoshop.model.ModelProviders;
import org.videoshop.model.VideoshopModel;

/**
 * The main class of {@code benchmarks.jar}. With JMH arguments it runs JMH ({@code org.openjdk.jmh.Main}) after
 * three adjustments: it makes sure OMP_NUM_THREADS is in the environment the forks inherit (relaunching itself
 * once with 1 if it is not set; a value the caller set is kept), passes every latent backend found on the classpath as {@code -p backend=...} and the tiny
 * model's latent shape beside SVD's as {@code -p shape=...} unless given, and excludes {@link EditBenchmark} when
 * no model provider is on the classpath. The first argument may instead name a tool: {@code report},
 * {@code time-edit}, {@code scaling}, {@code evaluate}, {@code edit-memory} or {@code rounds} ({@link Rounds}: the same
 * JMH selection several times, with the machine's load, and a summary of the ratios).
 */
public final class BenchMain {

    static final String SVD_SHAPE = "14x4x72x128";
    static final String FALLBACK_TINY_SHAPE = "8x4x16x16";
    private static final String RELAUNCHED = "videoshop.bench.relaunched";

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            switch (args[0]) {
                case "report" -> {
                    KernelReport.main(rest);
                    return;
                }
                case "time-edit" -> {
                    TimeEdit.main(rest);
                    return;
                }
                case "scaling" -> {
                    Scaling.main(rest);
                    return;
                }
                case "evaluate" -> {
                    Evaluate.main(rest);
                    return;
                }
                case "edit-memory" -> {
                    EditMemory.main(rest);
                    return;
                }
                case "batched-generations" -> {
                    BatchedGenerations.main(rest);
                    return;
                }
                case "rounds" -> {
                    if (needsRelaunch()) {
                        System.exit(relaunch(args));
                    }
                    Rounds.main(rest);
                    return;
                }
                default -> {
                }
            }
        }
        if (needsRelaunch()) {
            System.exit(relaunch(args));
        }
        org.openjdk.jmh.Main.main(jmhArgs(args));
    }

    /** True when OMP_NUM_THREADS is not set (a value the caller set, such as 2, is kept) and this is no relaunch. */
    private static boolean needsRelaunch() {
        return System.getenv("OMP_NUM_THREADS") == null && System.getProperty(RELAUNCHED) == null;
    }

    /** The JMH arguments with the discovered backends, shapes and exclusions added where the caller gave none. */
    static String[] jmhArgs(String[] args) {
        List<String> out = new ArrayList<>(Arrays.asList(args));
        if (isListing(args)) {
            return args;
        }
        String joined = String.join(" ", args);
        if (!joined.contains("backend=")) {
            String backends = Backends.providers().stream().filter(KernelProvider::isAvailable)
                    .map(KernelProvider::name).collect(Collectors.joining(","));
            out.add("-p");
            out.add("backend=" + backends);
        }
        String tiny = tinyShape();
        if (!joined.contains("shape=")) {
            out.add("-p");
            out.add("shape=" + SVD_SHAPE + "," + (tiny == null ? FALLBACK_TINY_SHAPE : tiny));
        }
        if (ModelProviders.all().stream().noneMatch(ModelProvider::isAvailable)) {
            System.err.println("videoshop-bench: no model provider on the classpath; skipping EditBenchmark");
            out.add("-e");
            out.add("EditBenchmark");
        } else if (tiny == null && !joined.contains("model=")) {
            System.err.println("videoshop-bench: the built-in tiny model is not available; skipping EditBenchmark"
                    + " (give -p model=BUNDLE_DIR to edit with another bundle)");
            out.add("-e");
            out.add("EditBenchmark");
        }
        return out.toArray(String[]::new);
    }

    /** The tiny model's latent shape at its native frame count, or null when it cannot be opened. */
    static String tinyShape() {
        try (VideoshopModel m = VideoshopModel.open("tiny")) {
            var s = m.spec();
            return KernelBenchmark.formatShape(s.latentShape(s.nativeFrames(), s.height(), s.width()));
        } catch (RuntimeException e) {
            System.err.println("videoshop-bench: tiny model not available (" + e.getMessage() + "); kernels use "
                    + FALLBACK_TINY_SHAPE);
            return null;
        }
    }

    private static boolean isListing(String[] args) {
        for (String a : args) {
            if (a.equals("-h") || a.equals("-l") || a.equals("-lp") || a.equals("-lprof") || a.equals("-lrf")) {
                return true;
            }
        }
        return false;
    }

    private static int relaunch(String[] args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-D" + RELAUNCHED + "=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(BenchMain.class.getName());
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb.start().waitFor();
    }
}
