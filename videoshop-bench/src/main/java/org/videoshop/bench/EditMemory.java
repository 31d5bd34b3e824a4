package org.videoshop.bench;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Peak resident memory of whole {@code videoshop edit} runs as the clip grows, each in its own JVM with the
 * default JVM settings (no {@code -Xmx}): a child process runs the command line jar on a synthetic clip (a PNG
 * folder of WIDTHxHEIGHT frames, smooth gradients with a moving disc, written once with ImageIO; smaller counts
 * use {@code --max-frames}), into an MP4, while this process polls {@code /proc/PID/status} for VmHWM (the
 * kernel's peak resident set; Linux only). Not a timed test: memory, and the wall time for information.
 *
 * <p>{@code --mode inverted} measures the other way to edit instead: {@code videoshop invert} into an {@code .inv}
 * file, then {@code videoshop edit --inverted FILE --input CLIP}, each in its own JVM (two rows per clip length).
 *
 * <pre>EditMemory --jar videoshop-cli/target/videoshop.jar [--frames 14,140,1400] [--size 1920x1080] [--steps 4]
 *            [--model tiny] [--work DIR] [--java PATH] [--mode edit|inverted]</pre>
 */
public final class EditMemory {

    /** One run: the command, frames, peak RSS in MiB, seconds, exit status, the child's last line. */
    public record Point(String command, int frames, double peakRssMb, double seconds, int exit, String last) {
    }

    private EditMemory() {
    }

    public static void main(String[] args) throws Exception {
        Args a = Args.parseOrExit(args, Set.of("jar", "frames", "size", "steps", "model", "work", "java", "mode"),
                "Usage: EditMemory --jar videoshop-cli/target/videoshop.jar [--frames 14,140,1400]"
                        + " [--size 1920x1080] [--steps 4] [--model tiny] [--work DIR] [--java PATH]"
                        + " [--mode edit|inverted]");
        Path jar = Path.of(a.get("jar", "videoshop-cli/target/videoshop.jar"));
        if (!Files.isRegularFile(jar)) {
            System.err.println("Expected the command line jar at " + jar + " (mvn -B -q -DskipTests package) but"
                    + " found nothing");
            System.exit(2);
        }
        int[] frames = a.ints("frames", "14,140,1400");
        String[] size = a.get("size", "1920x1080").split("x");
        int w = Integer.parseInt(size[0]);
        int h = Integer.parseInt(size[1]);
        Path work = Path.of(a.get("work", System.getProperty("java.io.tmpdir"))).resolve("videoshop-edit-memory-"
                + w + "x" + h);
        int max = Arrays.stream(frames).max().orElse(14);
        Path clip = syntheticClip(work.resolve("clip"), max, w, h);
        String java = a.get("java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String mode = a.get("mode", "edit");
        if (!mode.equals("edit") && !mode.equals("inverted")) {
            System.err.println("Expected --mode edit or inverted but found " + mode);
            System.exit(2);
        }
        System.out.printf(Locale.ROOT, "videoshop %s, %dx%d, model %s, %s steps, default JVM settings, %d cores%n",
                mode.equals("edit") ? "edit" : "invert + edit --inverted", w, h, a.get("model", "tiny"),
                a.get("steps", "4"), Runtime.getRuntime().availableProcessors());
        System.out.println("| command | frames | peak RSS MiB | seconds | exit | last line |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | --- |");
        List<String> settings = List.of("--model", a.get("model", "tiny"), "--steps", a.get("steps", "4"), "--quiet");
        String edited = clip.resolveSibling("edited.png").toString();
        List<Point> points = new ArrayList<>();
        for (int n : frames) {
            List<List<String>> commands = new ArrayList<>();
            Path inv = work.resolve("clip_" + n + ".inv");
            Path out = work.resolve("out_" + n + ".mp4");
            if (mode.equals("edit")) {
                commands.add(concat(List.of("edit", "--input", clip.toString(), "--max-frames", Integer.toString(n),
                        "--edited-first", edited, "--output", out.toString()), settings));
            } else {
                commands.add(concat(List.of("invert", "--input", clip.toString(), "--max-frames", Integer.toString(n),
                        "--output", inv.toString()), settings));
                commands.add(concat(List.of("edit", "--inverted", inv.toString(), "--input", clip.toString(),
                        "--edited-first", edited, "--output", out.toString()), settings));
            }
            for (List<String> c : commands) {
                List<String> cmd = concat(List.of(java, "-jar", jar.toString()), c);
                String name = c.get(0) + (c.get(1).equals("--inverted") ? " --inverted" : "");
                Point p = run(name, cmd, n, work.resolve("log_" + n + "_" + points.size() + ".txt"));
                points.add(p);
                System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.1f | %d | %s |%n", p.command(), p.frames(),
                        p.peakRssMb(), p.seconds(), p.exit(), p.last());
            }
        }
        for (String command : points.stream().map(Point::command).distinct().toList()) {
            double lo = points.stream().filter(p -> p.exit() == 0 && p.command().equals(command))
                    .mapToDouble(Point::peakRssMb).min().orElse(Double.NaN);
            double hi = points.stream().filter(p -> p.exit() == 0 && p.command().equals(command))
                    .mapToDouble(Point::peakRssMb).max().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "%s: largest / smallest peak RSS of the runs that succeeded: %.2f"
                    + " (goal <= 1.3)%n", command, hi / lo);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Runs one child and polls its peak resident set until it exits. */
    static Point run(String command, List<String> cmd, int frames, Path log) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        long peakKb = -1;
        while (p.isAlive()) {
            peakKb = Math.max(peakKb, hwmKb(status));
            Thread.sleep(100);
        }
        int exit = p.waitFor();
        List<String> lines = Files.readAllLines(log);
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).replace('|', '/');
        return new Point(command, frames, peakKb / 1024.0, (System.nanoTime() - t0) / 1e9, exit,
                last.length() > 120 ? last.substring(0, 120) + "..." : last);
    }

    private static long hwmKb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the child has just exited
        }
        return -1;
    }

    /** {@code frames} PNG frames (written once; kept for later runs) and an edited first frame beside them. */
    static Path syntheticClip(Path dir, int frames, int w, int h) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < frames; i++) {
            Path f = dir.resolve(String.format(Locale.ROOT, "frame_%05d.png", i));
            if (!Files.exists(f)) {
                ImageIO.write(frame(i, frames, w, h, new Color(220, 40, 40)), "png", f.toFile());
            }
        }
        Path edited = dir.resolveSibling("edited.png");
        if (!Files.exists(edited)) {
            ImageIO.write(frame(0, frames, w, h, new Color(40, 200, 220)), "png", edited.toFile());
        }
        return dir;
    }

    private static BufferedImage frame(int i, int frames, int w, int h, Color disc) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            double t = (double) i / Math.max(1, frames - 1);
            g.setPaint(new GradientPaint(0, 0, new Color(40, 70, 160), w, h, new Color(60, 150, 70)));
            g.fillRect(0, 0, w, h);
            int r = Math.min(w, h) / 6;
            g.setColor(disc);
            g.fillOval((int) (r + t * (w - 3 * r)), h / 2 - r, 2 * r, 2 * r);
        } finally {
            g.dispose();
        }
        return img;
    }
}
