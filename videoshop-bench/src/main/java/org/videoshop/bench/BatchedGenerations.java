package org.videoshop.bench;

import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.videoshop.OutputMode;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.model.Conditioning;
import org.videoshop.model.Denoiser;
import org.videoshop.model.VideoshopModel;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Noise;

/**
 * Detail mode's two generations (the reconstruction R and the edit E: same noise levels, different inputs and
 * conditions) as two network calls per step against one batched call, A/B in one process: A = two calls (with
 * guidance, two batch-of-2 calls, conditional and unconditional; without, two batch-of-1 calls), B = one call of
 * batch 4 (or 2) through {@link Denoiser#predictBatch}. Rounds alternate A and B, each round's load average is
 * printed before it, so a change of load hits both sides. Reports ms per generation step and B / A.
 *
 * <p>{@code --whole-edit true} times whole direct detail edits instead (a clip of {@code --frames} frames of a
 * moving gradient at {@code --size}, default options with {@code --steps}): A with {@link
 * OutputMode#BATCH_GENERATIONS_PROPERTY} false, B batched, {@code --calls} edits per side and round.
 *
 * <pre>BatchedGenerations [--model tiny] [--frames 8] [--size 40x24] [--rounds 6] [--calls 40] [--warmup 20]
 *                    [--guided true] [--whole-edit false] [--steps 25]</pre>
 */
public final class BatchedGenerations {

    private BatchedGenerations() {
    }

    public static void main(String[] args) throws Exception {
        Args a = Args.parseOrExit(args, Set.of("model", "frames", "size", "rounds", "calls", "warmup", "guided",
                "whole-edit", "steps"), "Usage: BatchedGenerations [--model tiny] [--frames 8] [--size 40x24]"
                        + " [--rounds 6] [--calls 40] [--warmup 20] [--guided true] [--whole-edit false] [--steps 25]");
        int rounds = Integer.parseInt(a.get("rounds", "6"));
        int calls = Integer.parseInt(a.get("calls", "40"));
        int warmup = Integer.parseInt(a.get("warmup", "20"));
        boolean guided = Boolean.parseBoolean(a.get("guided", "true"));
        String[] size = a.get("size", "40x24").split("x");
        try (VideoshopModel model = Models.open(a.get("model", "tiny"))) {
            int frames = Integer.parseInt(a.get("frames", Integer.toString(model.spec().nativeFrames())));
            LatentShape shape = model.spec().latentShape(frames, Integer.parseInt(size[1]),
                    Integer.parseInt(size[0]));
            if (Boolean.parseBoolean(a.get("whole-edit", "false"))) {
                wholeEdits(model, frames, Integer.parseInt(size[0]), Integer.parseInt(size[1]),
                        Integer.parseInt(a.get("steps", "25")), rounds, calls, warmup);
                return;
            }
            Pair pair = new Pair(model.denoiser(), shape, model.spec().embeddingDim(), guided);
            System.out.printf(Locale.ROOT, "model %s, latents %s, %s, %d cores, ONNX Runtime intra-op threads %s%n",
                    model.spec().name(), shape, guided ? "guided (A: 2 calls of batch 2, B: 1 call of batch 4)"
                            : "unguided (A: 2 calls of batch 1, B: 1 call of batch 2)",
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("videoshop.onnx.intraOpThreads", "default"));
            for (int i = 0; i < warmup; i++) {
                pair.twoCalls();
                pair.oneCall();
            }
            pair.checkSameOutputs();
            alternate("step", "%.3f", pair::twoCalls, pair::oneCall, rounds, calls);
        }
    }

    /** Whole detail edits, two separate samplings (A) against one batched (B), alternating rounds. */
    private static void wholeEdits(VideoshopModel model, int frames, int w, int h, int steps, int rounds, int calls,
                                   int warmup) {
        List<BufferedImage> clip = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    img.setRGB(x, y, (((x + 2 * t) * 255 / w) << 16) | ((y * 255 / h) << 8) | 0x50);
                }
            }
            clip.add(img);
        }
        BufferedImage edited = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        edited.getGraphics().drawImage(clip.get(0), 0, 0, null);
        edited.getGraphics().fillRect(0, 0, w / 3, h / 3);
        VideoshopOptions options = VideoshopOptions.builder().steps(steps).build();
        String old = System.getProperty(OutputMode.BATCH_GENERATIONS_PROPERTY);
        System.setProperty(OutputMode.BATCH_GENERATIONS_PROPERTY, "false");
        VideoEditor separate = Videoshop.editor(model, options);
        System.setProperty(OutputMode.BATCH_GENERATIONS_PROPERTY, "true");
        VideoEditor batched = Videoshop.editor(model, options);
        if (old == null) {
            System.clearProperty(OutputMode.BATCH_GENERATIONS_PROPERTY);
        } else {
            System.setProperty(OutputMode.BATCH_GENERATIONS_PROPERTY, old);
        }
        System.out.printf(Locale.ROOT, "whole detail edits: %d frames of %dx%d, %d steps, working size %s%n", frames,
                w, h, steps, separate.workingSize(w, h));
        for (int i = 0; i < warmup; i++) {
            separate.edit(clip, edited);
            batched.edit(clip, edited);
        }
        alternate("edit", "%.1f", () -> separate.edit(clip, edited), () -> batched.edit(clip, edited), rounds, calls);
        separate.close();
        batched.close();
    }

    /**
     * Times {@code a} (two calls) and {@code b} (one batched call) in alternating rounds of {@code calls} runs each,
     * the load average read before each side, and prints a table of ms per {@code unit} ({@code msFormat}) and B / A
     * per round, then their means and the per-round median of B / A.
     */
    private static void alternate(String unit, String msFormat, Runnable a, Runnable b, int rounds, int calls) {
        System.out.println("| round | load before A / B | A: two calls ms/" + unit + " | B: one batched call ms/"
                + unit + " | B / A |");
        System.out.println("| ---: | --- | ---: | ---: | ---: |");
        double sumA = 0;
        double sumB = 0;
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            String loadA = LoadAverage.now();
            double msA = time(a, calls);
            String loadB = LoadAverage.now();
            double msB = time(b, calls);
            sumA += msA;
            sumB += msB;
            ratios[r] = msB / msA;
            System.out.printf(Locale.ROOT, "| %d | %s / %s | " + msFormat + " | " + msFormat + " | %.3f |%n", r + 1,
                    loadA, loadB, msA, msB, msB / msA);
        }
        Arrays.sort(ratios);
        System.out.printf(Locale.ROOT, "| **all** | | " + msFormat + " | " + msFormat + " | **%.3f** (mean of means;"
                + " per-round median %.3f) |%n", sumA / rounds, sumB / rounds, sumB / sumA, ratios[rounds / 2]);
    }

    /** The two generations' step inputs and conditions, and the buffers they write. */
    private static final class Pair {
        private final Denoiser net;
        private final LatentShape shape;
        private final boolean guided;
        private final FloatBuffer inR;
        private final FloatBuffer inE;
        private final Conditioning condR;
        private final Conditioning condE;
        private final Conditioning uncond;
        private final FloatBuffer[] outsA;
        private final FloatBuffer[] outsB;

        Pair(Denoiser net, LatentShape shape, int embedding, boolean guided) {
            this.net = net;
            this.shape = shape;
            this.guided = guided;
            inR = FloatBuffer.wrap(Noise.gaussian(shape.size(), 7));
            inE = FloatBuffer.wrap(Noise.gaussian(shape.size(), 8));
            condR = new Conditioning(Noise.gaussian(embedding, 9), Noise.gaussian(shape.frameSize(), 10), 7, 127,
                    0.02);
            condE = new Conditioning(Noise.gaussian(embedding, 11), Noise.gaussian(shape.frameSize(), 12), 7, 127,
                    0.02);
            uncond = condR.unconditional();
            outsA = buffers(4, shape.size());
            outsB = buffers(4, shape.size());
        }

        void twoCalls() {
            if (guided) {
                net.predictGuided(shape, inR, 0.5f, condR, uncond, outsA[1], outsA[0]);
                net.predictGuided(shape, inE, 0.5f, condE, uncond, outsA[3], outsA[2]);
            } else {
                net.predict(shape, inR, 0.5f, condR, outsA[0]);
                net.predict(shape, inE, 0.5f, condE, outsA[1]);
            }
        }

        void oneCall() {
            if (guided) {
                net.predictBatch(shape, new FloatBuffer[] {inR, inR, inE, inE}, 0.5f,
                        new Conditioning[] {uncond, condR, uncond, condE}, outsB);
            } else {
                net.predictBatch(shape, new FloatBuffer[] {inR, inE}, 0.5f, new Conditioning[] {condR, condE},
                        new FloatBuffer[] {outsB[0], outsB[1]});
            }
        }

        /** Prints how far the batched outputs are from the separate calls' (the model's batch items independent?). */
        void checkSameOutputs() {
            twoCalls();
            oneCall();
            double max = 0;
            for (int i = 0; i < (guided ? 4 : 2); i++) {
                for (int j = 0; j < shape.size(); j++) {
                    max = Math.max(max, Math.abs(outsA[i].get(j) - outsB[i].get(j)));
                }
            }
            System.out.printf(Locale.ROOT, "largest difference between batched and separate outputs: %.3g%n", max);
        }
    }

    private static FloatBuffer[] buffers(int n, int size) {
        FloatBuffer[] out = new FloatBuffer[n];
        for (int i = 0; i < n; i++) {
            out[i] = FloatBuffer.allocate(size);
        }
        return out;
    }

    private static double time(Runnable step, int calls) {
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            step.run();
        }
        return (System.nanoTime() - t0) / 1e6 / calls;
    }
}
