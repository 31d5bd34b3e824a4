package org.videoshop.spark;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.videoshop.VideoshopOptions;
import org.videoshop.cli.video.Clip;
import org.videoshop.cli.video.PngFolder;
import org.videoshop.cli.video.VideoIO;

/**
 * Throughput of a job of N clips (default 24, 32x32, 8 frames, the tiny model) three ways, alternating within one
 * run: a Spark job on local[1], on local[2], and N sequential {@code videoshop edit} processes. Reports seconds and
 * clips per second of each, their ratios, and the machine's load average around each measurement. A program, not a
 * test: nothing is asserted. Run it with the same classpath as scripts/videoshop-batch:
 * {@code java <Spark's --add-opens> -cp videoshop-spark/target/videoshop-spark.jar:$(cat
 * videoshop-spark/target/spark-classpath.txt) org.videoshop.spark.BatchBenchmark --cli-jar videoshop-cli/target/videoshop.jar}
 */
public final class BatchBenchmark {

    private BatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = options(args);
        int clips = Integer.parseInt(a.getOrDefault("--clips", "24"));
        int steps = Integer.parseInt(a.getOrDefault("--steps", "25"));
        int rounds = Integer.parseInt(a.getOrDefault("--rounds", "2"));
        Path cliJar = Path.of(a.getOrDefault("--cli-jar", "videoshop-cli/target/videoshop.jar"));
        if (!Files.isRegularFile(cliJar)) {
            throw new IllegalArgumentException("Expected the CLI jar at " + cliJar + " but found nothing (build it:"
                    + " mvn -B -q -DskipTests package, or pass --cli-jar)");
        }
        Path dir = Files.createTempDirectory("videoshop-batch-bench");
        List<JobRow> rows = makeClips(dir, clips);
        System.out.printf(Locale.ROOT, "%d clips of 8 frames at 32x32, tiny model, %d steps, %d rounds; %d cores%n",
                clips, steps, rounds, Runtime.getRuntime().availableProcessors());
        List<String> modes = List.of("local[1]", "local[2]", "cli");
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            List<String> order = new ArrayList<>(modes);
            if (r % 2 == 1) {
                java.util.Collections.reverse(order); // alternate, so drift in machine load hits every mode alike
            }
            for (String mode : order) {
                Path out = Files.createDirectories(dir.resolve("out-" + r + "-" + mode.replaceAll("\\W", "")));
                String loadBefore = load();
                double s = mode.equals("cli") ? cli(cliJar, rows, out, steps) : spark(mode, rows, out, steps);
                seconds.computeIfAbsent(mode, k -> new ArrayList<>()).add(s);
                System.out.printf(Locale.ROOT, "round %d %-9s %7.1f s  %5.2f clips/s  load %s -> %s%n", r + 1, mode, s,
                        clips / s, loadBefore, load());
            }
        }
        double l1 = best(seconds.get("local[1]"));
        double l2 = best(seconds.get("local[2]"));
        double cli = best(seconds.get("cli"));
        System.out.printf(Locale.ROOT, "best of %d: local[1] %.1f s, local[2] %.1f s, %d sequential CLI processes %.1f"
                + " s%n", rounds, l1, l2, clips, cli);
        System.out.printf(Locale.ROOT, "throughput ratios: local[2] / local[1] = %.2f; local[1] / CLI = %.2f; "
                + "local[2] / CLI = %.2f%n", l1 / l2, cli / l1, cli / l2);
    }

    /** One Spark job in a fresh session and a fresh model holder (the model load is part of the job's time). */
    private static double spark(String master, List<JobRow> rows, Path out, int steps) {
        ExecutorModels.closeAll();
        long start = System.nanoTime();
        SparkSession spark = SparkSession.builder().master(master).appName("videoshop batch benchmark")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        try {
            spark.sparkContext().setLogLevel("ERROR");
            List<JobRow> mine = rows.stream().map(r -> new JobRow(r.source(), r.editedFirst(), null,
                    out.resolve(Path.of(r.output()).getFileName()).toString(), null, null, null, null,
                    ExistingOutput.OVERWRITE))
                    .toList();
            JobReport report = VideoshopJob.run(spark, JobTable.of(spark, mine),
                    JobSettings.of("tiny", VideoshopOptions.builder().steps(steps).build()), "benchmark " + master);
            if (report.edited() != rows.size()) {
                throw new IllegalStateException("Expected every clip edited but found " + report.summary());
            }
        } finally {
            spark.stop();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** One {@code videoshop edit} process per clip, one after another. */
    private static double cli(Path jar, List<JobRow> rows, Path out, int steps) throws IOException,
            InterruptedException {
        long start = System.nanoTime();
        for (JobRow r : rows) {
            Process p = new ProcessBuilder("java", "-jar", jar.toString(), "edit", "--input", r.source(),
                    "--edited-first", r.editedFirst(), "--output",
                    out.resolve(Path.of(r.output()).getFileName()).toString(), "--steps", "" + steps, "--quiet")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("Expected videoshop edit to succeed on " + r.source() + " but it "
                        + "exited " + p.exitValue());
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static List<JobRow> makeClips(Path dir, int n) throws IOException {
        List<JobRow> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<BufferedImage> frames = new ArrayList<>();
            Color disc = Color.getHSBColor(i / (float) n, 0.8f, 0.9f);
            for (int t = 0; t < 8; t++) {
                BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = img.createGraphics();
                g.setColor(new Color(40, 70, 160));
                g.fillRect(0, 0, 32, 16);
                g.setColor(new Color(60, 150, 70));
                g.fillRect(0, 16, 32, 16);
                g.setColor(disc);
                g.fillOval(2 + t * 2 + i % 4, 10, 12, 12);
                g.dispose();
                frames.add(img);
            }
            Path src = dir.resolve("clip" + i + ".mp4");
            VideoIO.write(Clip.of(frames), src, Clip.DEFAULT_FPS);
            BufferedImage first = VideoIO.firstFrame(src);
            Graphics2D g = first.createGraphics();
            g.setColor(Color.YELLOW);
            g.fillOval(2 + i % 4, 10, 12, 12);
            g.dispose();
            Path edited = dir.resolve("clip" + i + ".png");
            PngFolder.writeImage(first, edited);
            rows.add(new JobRow(src.toString(), edited.toString(), null, "edited" + i + ".mp4", null, null, null,
                    null, null));
        }
        return rows;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static double best(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            m.put(args[i], args[i + 1]);
        }
        return m;
    }
}
