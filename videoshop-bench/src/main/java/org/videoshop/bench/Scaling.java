package org.videoshop.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.videoshop.OutputMode;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;

/**
 * Time and peak memory of whole edits as the clip grows (default 8, 14, 28, 56, 112 frames). Clips longer than
 * the window (default: the model's native frame count; {@code --window N} sets it, up to the model's maxFrames)
 * are edited in overlapping windows, as {@link VideoEditor} does. Peak heap is the
 * sum of the heap pools' peaks after a reset (an upper bound: pools peak at different moments); peak RSS is the
 * process's VmHWM after resetting it through {@code /proc/self/clear_refs} (Linux; covers the model runtime's
 * native memory).
 *
 * <pre>Scaling [--model DIR|tiny] [--frames 8,14,28,56,112] [--window N] [--warmup 1] [--runs 2] [--backend NAME]</pre>
 */
public final class Scaling {

    /**
     * One frame count's result.
     *
     * @param frames       frames per clip
     * @param msPerEdit    mean time per edit (NaN when not run)
     * @param peakHeapMb   peak heap during the edits, MiB
     * @param peakRssMb    peak resident set during the edits, MiB (NaN off Linux)
     * @param windows      windows the clip was edited in (0 when not run)
     * @param note         why it was not run, or empty
     */
    public record Point(int frames, double msPerEdit, double peakHeapMb, double peakRssMb, int windows,
                        String note) {
    }

    private Scaling() {
    }

    /** Measures each frame count in turn on one editor. */
    public static List<Point> measure(VideoEditor editor, int[] frameCounts, int warmup, int runs) {
        ModelSpec spec = editor.model().spec();
        List<Point> out = new ArrayList<>();
        for (int frames : frameCounts) {
            SyntheticClip clip = SyntheticClip.generate(frames, spec.width(), spec.height(), 7);
            for (int i = 0; i < warmup; i++) {
                editor.edit(clip.source(), clip.editedFirst());
            }
            System.gc();
            resetPeaks();
            long t0 = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                editor.edit(clip.source(), clip.editedFirst());
            }
            double ms = (System.nanoTime() - t0) / 1e6 / runs;
            out.add(new Point(frames, ms, peakHeapBytes() / 1048576.0, peakRssKb(ProcessMemory.peakResidentKb()) / 1024.0,
                    editor.plan(frames).count(), ""));
        }
        return out;
    }

    /** A Markdown table of the points. */
    public static String table(List<Point> points) {
        StringBuilder sb = new StringBuilder("| frames | windows | ms/edit | ms/frame | peak heap MiB | peak RSS MiB "
                + "| note |\n| ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (Point p : points) {
            sb.append(String.format(Locale.ROOT, "| %d | %d | %.1f | %.2f | %.0f | %.0f | %s |%n", p.frames(),
                    p.windows(), p.msPerEdit(), p.msPerEdit() / p.frames(), p.peakHeapMb(), p.peakRssMb(),
                    p.note()));
        }
        return sb.toString().replace("NaN", "–");
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // not Linux, or not permitted: RSS peak then covers the whole process life
        }
    }

    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    public static void main(String[] args) {
        Args a = Args.parseOrExit(args, Set.of("model", "frames", "warmup", "runs", "backend", "steps", "window"),
                "Usage: Scaling [--model DIR|tiny] [--frames 8,14,28,56,112] [--window N] [--warmup 1] "
                        + "[--runs 2] [--backend NAME] [--steps N]");
        int[] frames = a.ints("frames", "8,14,28,56,112");
        VideoshopOptions.Builder b = VideoshopOptions.builder().backend(a.get("backend")).steps(a.getInt("steps", 25));
        if (a.get("window") != null) {
            b.windowFrames(a.getInt("window", 8));
        }
        VideoshopOptions options = b.outputMode(OutputMode.REGENERATE).build(); // the paper's edit, as measured
        try (VideoshopModel model = Models.open(a.get("model", "tiny"));
             VideoEditor editor = Videoshop.editor(model, options)) {
            System.out.printf("model %s, backend %s, window %d frames (overlap %d), max heap %d MiB%n",
                    model.spec().name(), editor.backend(), options.windowFrames(model.spec()),
                    options.windowOverlap(), Runtime.getRuntime().maxMemory() / 1048576);
            System.out.print(table(measure(editor, frames, a.getInt("warmup", 1), a.getInt("runs", 2))));
        }
    }

    private static double peakRssKb(long kb) {
        return kb < 0 ? Double.NaN : kb;
    }
}
