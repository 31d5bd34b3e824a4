package org.videoshop.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.videoshop.Inverted;
import org.videoshop.ProgressListener;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.model.VideoshopModel;
import org.videoshop.Windows;

/**
 * Measurements of the capabilities beyond the paper, one per run, printed as one JSON line (see docs/beyond.md):
 * <pre>
 * java -cp videoshop.jar org.videoshop.bench.BeyondMeasure memory MODEL FRAMES    # peak RSS of one edit
 * java -cp videoshop.jar org.videoshop.bench.BeyondMeasure speed MODEL FRAMES REPEATS [GMIN,GMAX]
 * java -cp videoshop.jar org.videoshop.bench.BeyondMeasure drift MODEL CASE_DIR [PAD_TO [WINDOW]]
 * </pre>
 * MODEL is a bundle folder or a built-in name; settings are the defaults (25 steps, strength 0.55, seed 42,
 * the model's recommended guidance; {@code speed} takes another guidance range, e.g. {@code 1,1} for none, and
 * every mode takes one from {@code -Dguidance=MIN,MAX}).
 * {@code memory} should run in a fresh JVM per length: it reports the process's VmHWM (peak resident set) from
 * /proc/self/status and the peak of the Java heap pools. {@code drift} reads an evaluation case
 * ({@code source/}, {@code truth/}, {@code edited_first.png}) and prints the PSNR against the truth per window;
 * with PAD_TO it pads a short clip to that many frames by repeating its last frame and keeps the first ones; with
 * WINDOW it edits in windows of that many frames (e.g. one window over the whole clip, for comparison), still
 * reporting PSNR over the frame ranges of the default windows.
 */
public final class BeyondMeasure {

    private BeyondMeasure() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            throw new IllegalArgumentException("Expected: memory MODEL FRAMES | speed MODEL FRAMES REPEATS | "
                    + "drift MODEL CASE_DIR [PAD_TO [WINDOW]], but found " + Arrays.toString(args));
        }
        VideoshopOptions.Builder b = VideoshopOptions.builder();
        if (args[0].equals("drift") && args.length > 4) {
            b.windowFrames(Integer.parseInt(args[4]));
        }
        String guidance = args[0].equals("speed") && args.length > 4 ? args[4] : System.getProperty("guidance");
        if (guidance != null) {
            String[] g = guidance.split(",");
            b.guidance(Double.parseDouble(g[0]), Double.parseDouble(g[1]));
        }
        VideoshopOptions options = b.build();
        try (VideoshopModel model = VideoshopModel.open(args[1]);
             VideoEditor editor = Videoshop.editor(model, options)) {
            String line = switch (args[0]) {
                case "memory" -> memory(editor, Integer.parseInt(args[2]));
                case "speed" -> speed(editor, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
                case "drift" -> drift(editor, Path.of(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 0);
                default -> throw new IllegalArgumentException("Expected memory, speed or drift but found " + args[0]);
            };
            System.out.println(line);
        }
    }

    /** One edit of {@code frames} frames at the model's size; peak RSS and heap afterwards. */
    static String memory(VideoEditor editor, int frames) throws IOException {
        int s = editor.model().spec().width();
        int h = editor.model().spec().height();
        List<BufferedImage> clip = movingDisc(frames, s, h, new Color(220, 40, 40));
        BufferedImage edited = movingDisc(1, s, h, new Color(40, 200, 220)).get(0);
        long t0 = System.nanoTime();
        List<BufferedImage> out = editor.edit(clip, edited);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        return String.format(Locale.ROOT, "{\"measure\":\"memory\",\"model\":\"%s\",\"frames\":%d,\"windows\":%d,"
                        + "\"vmhwm_mb\":%.1f,\"heap_peak_mb\":%.1f,\"seconds\":%.2f,\"out_frames\":%d}",
                editor.model().spec().name(), frames, editor.plan(frames).count(), ProcessMemory.peakResidentKb() / 1024.0,
                heapPeak / 1048576.0, seconds, out.size());
    }

    /**
     * Median time of full edits vs. edits of one inversion (after one warm-up of each): wall time, and CPU time of
     * this thread, which counts the model's work too when ONNX Runtime runs on the calling thread
     * ({@code -Dvideoshop.onnx.intraOpThreads=1}) and does not depend on what else the machine runs.
     */
    static String speed(VideoEditor editor, int frames, int repeats) {
        int s = editor.model().spec().width();
        int h = editor.model().spec().height();
        List<BufferedImage> clip = movingDisc(frames, s, h, new Color(220, 40, 40));
        List<BufferedImage> edits = new ArrayList<>();
        for (int i = 0; i <= repeats; i++) {
            edits.add(movingDisc(1, s, h, Color.getHSBColor(i / (repeats + 1f), 0.8f, 0.9f)).get(0));
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[][] full = new double[2][repeats];
        editor.edit(clip, edits.get(0));
        for (int i = 0; i < repeats; i++) {
            long c0 = cpu.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            editor.edit(clip, edits.get(i + 1));
            full[0][i] = (System.nanoTime() - t0) / 1e9;
            full[1][i] = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
        }
        long c0 = cpu.getCurrentThreadCpuTime();
        Inverted inverted = editor.invert(clip, ProgressListener.NONE, null);
        double invert = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
        inverted.edit(edits.get(0));
        double[][] again = new double[2][repeats];
        for (int i = 0; i < repeats; i++) {
            long c1 = cpu.getCurrentThreadCpuTime();
            long t1 = System.nanoTime();
            inverted.edit(edits.get(i + 1));
            again[0][i] = (System.nanoTime() - t1) / 1e9;
            again[1][i] = (cpu.getCurrentThreadCpuTime() - c1) / 1e9;
        }
        return String.format(Locale.ROOT, "{\"measure\":\"speed\",\"model\":\"%s\",\"frames\":%d,\"repeats\":%d,"
                        + "\"guidance\":\"%s,%s\",\"full_edit_s\":%.3f,\"edit_from_inversion_s\":%.3f,\"ratio\":%.3f,"
                        + "\"full_edit_cpu_s\":%.3f,\"invert_cpu_s\":%.3f,\"edit_from_inversion_cpu_s\":%.3f,"
                        + "\"ratio_cpu\":%.3f}",
                editor.model().spec().name(), frames, repeats, guidanceMin(editor), guidanceMax(editor),
                median(full[0]), median(again[0]), median(again[0]) / median(full[0]),
                median(full[1]), invert, median(again[1]), median(again[1]) / median(full[1]));
    }

    /** The guidance the editor's edits use on the first frame (its option, else the model's recommendation). */
    private static double guidanceMin(VideoEditor editor) {
        return editor.options().guidanceMin(editor.model().spec());
    }

    /** The guidance the editor's edits use on the last frame (its option, else the model's recommendation). */
    private static double guidanceMax(VideoEditor editor) {
        return editor.options().guidanceMax(editor.model().spec());
    }

    /** PSNR against the case's truth, per window and for the whole clip. */
    static String drift(VideoEditor editor, Path caseDir, int padTo) throws IOException {
        List<BufferedImage> source = readPngs(caseDir.resolve("source"));
        List<BufferedImage> truth = readPngs(caseDir.resolve("truth"));
        BufferedImage edited = readPng(caseDir.resolve("edited_first.png"));
        int n = source.size();
        List<BufferedImage> input = new ArrayList<>(source);
        while (input.size() < padTo) {
            input.add(source.get(n - 1));
        }
        List<BufferedImage> out = editor.edit(input, edited).subList(0, n);
        Windows ran = editor.plan(input.size());
        Windows ranges = Windows.plan(input.size(), editor.model().spec().nativeFrames(), 2);
        StringBuilder windows = new StringBuilder();
        for (int k = 0; k < ranges.count(); k++) {
            int from = ranges.starts().get(k);
            int to = Math.min(ranges.end(k), n);
            windows.append(k == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.2f",
                    psnr(out.subList(from, to), truth.subList(from, to))));
        }
        return String.format(Locale.ROOT, "{\"measure\":\"drift\",\"model\":\"%s\",\"case\":\"%s\",\"frames\":%d,"
                        + "\"padded_to\":%d,\"guidance\":\"%s,%s\",\"windows_run\":%d,\"window_frames\":%d,"
                        + "\"window_starts\":%s,\"psnr_per_window\":[%s],\"psnr_all\":%.2f}",
                editor.model().spec().name(), caseDir.getFileName(), n, Math.max(n, padTo),
                guidanceMin(editor), guidanceMax(editor), ran.count(), ran.size(),
                ranges.starts(), windows, psnr(out, truth));
    }

    /** The folder's PNG files in name order (a case's frames are named frame_0000.png, frame_0001.png, ...). */
    static List<BufferedImage> readPngs(Path dir) throws IOException {
        List<BufferedImage> frames = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".png")).sorted().toList()) {
                frames.add(readPng(p));
            }
        }
        if (frames.isEmpty()) {
            throw new IOException("Expected PNG frames in " + dir + " but found none");
        }
        return frames;
    }

    private static BufferedImage readPng(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException("Expected a PNG image at " + file + " but found something ImageIO cannot read");
        }
        return img;
    }

    /** PSNR in dB over all pixels and channels of equally sized frames, values in [0, 255]. */
    static double psnr(List<BufferedImage> a, List<BufferedImage> b) {
        double sum = 0;
        long count = 0;
        for (int t = 0; t < a.size(); t++) {
            BufferedImage x = a.get(t);
            BufferedImage y = b.get(t);
            int w = x.getWidth();
            int h = x.getHeight();
            int[] p = x.getRGB(0, 0, w, h, null, 0, w);
            int[] q = y.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < p.length; i++) {
                for (int sh = 0; sh <= 16; sh += 8) {
                    double d = (((p[i] >> sh) & 0xff) - ((q[i] >> sh) & 0xff)) / 255.0;
                    sum += d * d;
                    count++;
                }
            }
        }
        return 10 * Math.log10(1.0 / Math.max(sum / count, 1e-12));
    }

    static List<BufferedImage> movingDisc(int frames, int width, int height, Color disc) {
        List<BufferedImage> out = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(40, 70, 160));
            g.fillRect(0, 0, width, height);
            int r = Math.max(3, Math.min(width, height) / 5);
            int cx = r + (int) Math.round((width - 2.0 * r) * (i % 16) / 15.0);
            g.setColor(disc);
            g.fillOval(cx - r, height / 2 - r, 2 * r, 2 * r);
            g.dispose();
            out.add(img);
        }
        return out;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
