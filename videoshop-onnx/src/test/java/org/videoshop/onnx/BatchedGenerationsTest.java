package org.videoshop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.videoshop.OutputMode;
import org.videoshop.Stage;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.model.Conditioning;
import org.videoshop.model.Denoiser;
import org.videoshop.model.Encoder;
import org.videoshop.model.ImageEmbedder;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;
import org.videoshop.tensor.LatentShape;

/**
 * A direct detail edit on the bundled tiny model runs its reconstruction and its edit as two UNet calls per step by
 * default; with {@link OutputMode#BATCH_GENERATIONS_PROPERTY} {@code true} as one batched call (a batch of 4 with guidance:
 * each generation's unconditional and conditional branch), half the generation calls, giving the same frames (the
 * tiny UNet's batch items do not interact).
 */
class BatchedGenerationsTest extends TinyModelFixture {

    /** The real ONNX denoiser, counting its calls by kind and recording the batch sizes of batched ones. */
    static final class Counting implements VideoshopModel {
        final VideoshopModel inner;
        int guided;
        int single;
        final List<Integer> batches = new ArrayList<>();

        Counting(VideoshopModel inner) {
            this.inner = inner;
        }

        @Override
        public ModelSpec spec() {
            return inner.spec();
        }

        @Override
        public Encoder encoder() {
            return inner.encoder();
        }

        @Override
        public ImageEmbedder embedder() {
            return inner.embedder();
        }

        @Override
        public Denoiser denoiser() {
            Denoiser d = inner.denoiser();
            return new Denoiser() {
                @Override
                public void predict(LatentShape shape, float[] input, float cNoise, Conditioning c, float[] out) {
                    single++;
                    d.predict(shape, input, cNoise, c, out);
                }

                @Override
                public void predict(LatentShape shape, FloatBuffer input, float cNoise, Conditioning c,
                                    FloatBuffer out) {
                    single++;
                    d.predict(shape, input, cNoise, c, out);
                }

                @Override
                public void predictGuided(LatentShape shape, FloatBuffer input, float cNoise, Conditioning c,
                                          Conditioning u, FloatBuffer outC, FloatBuffer outU) {
                    guided++;
                    d.predictGuided(shape, input, cNoise, c, u, outC, outU);
                }

                @Override
                public void predictBatch(LatentShape shape, FloatBuffer[] inputs, float cNoise,
                                         Conditioning[] conditions, FloatBuffer[] outs) {
                    batches.add(conditions.length);
                    d.predictBatch(shape, inputs, cNoise, conditions, outs);
                }
            };
        }

        @Override
        public void close() {
        }
    }

    private static List<BufferedImage> edit(Counting model, List<BufferedImage> clip, BufferedImage edited,
                                            List<Stage> stages) {
        try (VideoEditor editor = Videoshop.editor(model, DetailOutputTest.FAST)) {
            return editor.edit(clip, edited, null, (stage, step, total) -> {
                if (stages.isEmpty() || stages.get(stages.size() - 1) != stage) {
                    stages.add(stage);
                }
            }, null);
        }
    }

    @Test
    void oneBatchedCallPerStepGivesTheFramesOfTwoCalls() {
        List<BufferedImage> clip = Footage.pan(8, 64, 36, 2);
        BufferedImage edited = Footage.recolour(clip.get(0), 4, 4, 30, 20);
        Counting separate = new Counting(tiny);
        List<Stage> separateStages = new ArrayList<>();
        List<BufferedImage> b = edit(separate, clip, edited, separateStages); // the default
        String old = System.getProperty(OutputMode.BATCH_GENERATIONS_PROPERTY);
        Counting batched = new Counting(tiny);
        List<Stage> batchedStages = new ArrayList<>();
        List<BufferedImage> a;
        System.setProperty(OutputMode.BATCH_GENERATIONS_PROPERTY, "true");
        try {
            a = edit(batched, clip, edited, batchedStages);
        } finally {
            if (old == null) {
                System.clearProperty(OutputMode.BATCH_GENERATIONS_PROPERTY);
            } else {
                System.setProperty(OutputMode.BATCH_GENERATIONS_PROPERTY, old);
            }
        }
        int steps = batched.batches.size();
        assertTrue(steps > 0, "generation steps ran batched");
        assertTrue(batched.batches.stream().allMatch(n -> n == 4), "guided: a batch of 4 " + batched.batches);
        assertEquals(0, batched.guided, "no separate guided calls when batched");
        assertEquals(List.of(), separate.batches, "by default no batched calls");
        assertEquals(2 * steps, separate.guided, "two calls per step without batching");
        assertEquals(batched.single, separate.single, "the inversion's calls are the same");
        assertTrue(batchedStages.contains(Stage.GENERATE) && !batchedStages.contains(Stage.RECONSTRUCT),
                "batched: one GENERATE stage " + batchedStages);
        assertTrue(separateStages.contains(Stage.RECONSTRUCT), "separate: " + separateStages);
        // the same network on the same inputs: with one thread the floats are identical, with several ONNX Runtime
        // may split a batch differently, so a pixel may round to the next 8-bit level
        for (int t = 0; t < clip.size(); t++) {
            assertTrue(Footage.sameFraction(b.get(t), a.get(t)) > 0.99, "frame " + t + ": the same pixels");
            assertTrue(maxLevelDifference(b.get(t), a.get(t)) <= 1, "frame " + t + ": at most one 8-bit level");
        }
    }

    private static int maxLevelDifference(BufferedImage x, BufferedImage y) {
        int max = 0;
        for (int j = 0; j < x.getHeight(); j++) {
            for (int i = 0; i < x.getWidth(); i++) {
                int p = x.getRGB(i, j);
                int q = y.getRGB(i, j);
                for (int shift = 0; shift <= 16; shift += 8) {
                    max = Math.max(max, Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff)));
                }
            }
        }
        return max;
    }
}
