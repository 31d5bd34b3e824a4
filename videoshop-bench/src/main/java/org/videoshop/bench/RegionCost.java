package org.videoshop.bench;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.bench.scene.CaseSpec;
import org.videoshop.bench.scene.EditKind;
import org.videoshop.bench.scene.FootageCase;
import org.videoshop.bench.scene.FootageCases;
import org.videoshop.model.VideoshopModel;
import org.videoshop.tensor.Images;
import org.videoshop.tensor.Mask;

/**
 * What the automatic edit region's tracking costs, A/B in one process: whole detail edits of one real-footage case
 * (as images at their own size, default options) with the automatic region (A: carried through the clip by the
 * tracker) and with a user mask that replaces it (B: the case's true edit region, so nothing is tracked; the
 * model's work is the same). Rounds alternate A and B, each round's load average printed first. Reports the mean
 * ms per edit of each side per round and the median of A / B: the whole edit's time with the tracker over without.
 *
 * <pre>RegionCost [--model tiny] [--kind replace] [--size 384x216] [--frames 14] [--seed 9] [--rounds 3]
 *            [--calls 1]</pre>
 */
public final class RegionCost {

    private RegionCost() {
    }

    public static void main(String[] args) throws Exception {
        Args a = Args.parseOrExit(args, Set.of("model", "kind", "size", "frames", "seed", "rounds", "calls"),
                "Usage: RegionCost [--model tiny] [--kind replace] [--size 384x216] [--frames 14] [--seed 9]"
                        + " [--rounds 3] [--calls 1]");
        String[] size = a.get("size", "384x216").split("x");
        CaseSpec spec = new CaseSpec(EditKind.of(a.get("kind", "replace")), Integer.parseInt(size[0]),
                Integer.parseInt(size[1]), Integer.parseInt(a.get("frames", "14")),
                Long.parseLong(a.get("seed", "9")));
        int rounds = Integer.parseInt(a.get("rounds", "3"));
        int calls = Integer.parseInt(a.get("calls", "1"));
        FootageCase c = FootageCases.make(spec);
        List<BufferedImage> frames = new ArrayList<>();
        for (int t = 0; t < c.source().frames(); t++) {
            frames.add(Images.toImage(c.source().frame(t)));
        }
        BufferedImage edited = Images.toImage(c.editedFirst());
        Mask truth = truthMask(c);
        try (VideoshopModel model = Models.open(a.get("model", "tiny"));
             VideoEditor editor = Videoshop.editor(model, VideoshopOptions.builder().build())) {
            System.out.printf(Locale.ROOT, "%s, %d frames; warm-up%n", spec.name(), frames.size());
            editor.edit(frames, edited, null, null, null);
            editor.edit(frames, edited, truth, null, null);
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                String load = LoadAverage.now();
                double tracked = time(() -> editor.edit(frames, edited, null, null, null), calls);
                double masked = time(() -> editor.edit(frames, edited, truth, null, null), calls);
                ratios[r] = tracked / masked;
                System.out.printf(Locale.ROOT, "round %d (load %s): automatic region %.0f ms, user mask %.0f ms,"
                        + " ratio %.3f%n", r, load, tracked, masked, ratios[r]);
            }
            Arrays.sort(ratios);
            System.out.printf(Locale.ROOT, "whole edit with the tracked region / with a user mask: median %.3f"
                    + " (%d rounds)%n", ratios[rounds / 2], rounds);
        }
    }

    /** The case's true edit region, one mask per frame. */
    private static Mask truthMask(FootageCase c) {
        boolean[][] m = c.masks();
        int plane = c.source().width() * c.source().height();
        float[] data = new float[m.length * plane];
        for (int t = 0; t < m.length; t++) {
            for (int i = 0; i < plane; i++) {
                data[t * plane + i] = m[t][i] ? 1f : 0f;
            }
        }
        return new Mask(m.length, c.source().height(), c.source().width(), data, Mask.DEFAULT_FEATHER);
    }

    private static double time(Runnable edit, int calls) {
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            edit.run();
        }
        return (System.nanoTime() - t0) / 1e6 / calls;
    }
}
