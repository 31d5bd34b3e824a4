package org.videoshop.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.videoshop.EditResult;
import org.videoshop.OutputMode;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.model.Conditioning;
import org.videoshop.model.Denoiser;
import org.videoshop.model.ModelProvider;
import org.videoshop.model.ModelProviders;
import org.videoshop.model.VideoshopModel;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Images;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Latents;
import org.videoshop.tensor.Video;
import org.videoshop.testing.Clips;

/** The random-tiny bundle opened through ServiceLoader and used for real edits on ONNX Runtime. */
class OnnxModelIntegrationTest {

    private static final VideoshopOptions FAST = VideoshopOptions.builder().steps(8).strength(0.5).seed(7).build();
    private static VideoshopModel model;

    @BeforeAll
    static void open() {
        model = VideoshopModel.open(TestBundles.bundle(TestBundles.RANDOM_TINY));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void serviceLoaderFindsTheOnnxProvider() {
        ModelProvider p = ModelProviders.select("onnx");
        assertInstanceOf(OnnxModelProvider.class, p);
        assertEquals(100, p.rank());
        assertTrue(p.isAvailable());
        assertEquals(List.of("tiny"), p.builtInModels());
        assertTrue(p.canOpen(TestBundles.bundle(TestBundles.RANDOM_TINY)));
        assertFalse(p.canOpen(TestBundles.bundle(TestBundles.RANDOM_TINY).resolve("unet.onnx")));
        assertFalse(p.canOpen(Path.of("/nonexistent")));
        assertInstanceOf(OnnxModel.class, model);
        assertEquals("random-tiny", model.spec().name());
        assertTrue(model.spec().version().startsWith("sha256:"));
    }

    @Test
    void theDefaultModelIsTheBundledTinyOneOrAClearError() {
        boolean bundled = TestBundles.resource(OnnxModelProvider.TINY_RESOURCE) != null;
        if (bundled) {
            try (VideoshopModel tiny = VideoshopModel.openDefault(); VideoshopModel named = VideoshopModel.open("tiny")) {
                assertEquals("tiny", tiny.spec().name());
                assertEquals(tiny.spec(), named.spec());
            }
        } else {
            IllegalStateException e = assertThrows(IllegalStateException.class, VideoshopModel::openDefault);
            assertTrue(e.getMessage().contains("bundled tiny model") && e.getMessage().contains("missing from the "
                    + "classpath"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> VideoshopModel.open("tiny"));
        }
    }

    @Test
    void anEditRunsEndToEndAndIsDeterministic() {
        Video clip = Clips.discClip(8, 32, 32);
        Frame edited = Clips.recolouredFirst(clip);
        // the model's own output (regenerate): detail output keeps the source wherever the edit did not reach
        VideoshopOptions regenerate = FAST.toBuilder().outputMode(OutputMode.REGENERATE).build();
        VideoEditor editor = Videoshop.editor(model, regenerate);
        EditResult a = editor.edit(clip, edited);
        EditResult b = editor.edit(clip, edited);
        EditResult c = Videoshop.editor(model, regenerate.toBuilder().seed(8).build()).edit(clip, edited);
        assertEquals(8, a.video().frames());
        assertEquals(32, a.video().height());
        assertEquals(32, a.video().width());
        for (float v : a.video().data()) {
            assertTrue(Float.isFinite(v) && v >= 0 && v <= 1, "pixel " + v);
        }
        assertArrayEquals(a.video().data(), b.video().data(), "same seed, same output");
        assertFalse(java.util.Arrays.equals(a.video().data(), c.video().data()), "another seed, another output");
        assertEquals("random-tiny", a.provenance().modelName());
        editor.close();
        assertFalse(((OnnxModel) model).toString().contains("closed"), "an editor never closes a model it was given");
    }

    @Test
    void imagesOfAnotherSizeComeBackAtTheirSize() {
        List<BufferedImage> frames = new ArrayList<>();
        Video clip = Clips.discClip(4, 30, 40);
        for (int i = 0; i < 4; i++) {
            frames.add(Images.toImage(clip.frame(i)));
        }
        List<BufferedImage> out = Videoshop.editor(model, FAST).edit(frames,
                Images.toImage(Clips.recolouredFirst(clip)));
        assertEquals(4, out.size());
        assertEquals(40, out.get(0).getWidth());
        assertEquals(30, out.get(0).getHeight());
    }

    @Test
    void theGuidedPairAsOneBatchEqualsTwoSinglePredictions() {
        LatentShape shape = new LatentShape(5, 4, 16, 16);
        float[] x = Draws.gaussian(shape.size(), 1);
        Conditioning cond = Draws.conditioning(shape, 64, 2);
        Conditioning uncond = cond.unconditional();
        Denoiser d = model.denoiser();
        float[] c2 = new float[shape.size()];
        float[] u2 = new float[shape.size()];
        d.predictGuided(shape, x, 0.3f, cond, uncond, c2, u2);
        float[] c1 = new float[shape.size()];
        float[] u1 = new float[shape.size()];
        d.predict(shape, x, 0.3f, cond, c1);
        d.predict(shape, x, 0.3f, uncond, u1);
        assertTrue(TestBundles.worst(c2, c1, 1e-5, 1e-5) <= 1);
        assertTrue(TestBundles.worst(u2, u1, 1e-5, 1e-5) <= 1);
        assertFalse(java.util.Arrays.equals(c1, u1), "the condition matters");
    }

    @Test
    void theDenoiserPacksSampleAsNoisyThenConditioningChannelsPerFrame() {
        LatentShape shape = new LatentShape(3, 4, 8, 8);
        float[] x = Draws.gaussian(shape.size(), 3);
        Conditioning cond = Draws.conditioning(shape, 64, 4);
        float[] viaApi = new float[shape.size()];
        model.denoiser().predict(shape, x, -0.2f, cond, viaApi);
        OnnxNetwork unet = ((OnnxModel) model).network(NetworkKind.UNET);
        Workspace ws = unet.acquire(List.of(-2L), java.util.Map.of("sample", new long[] {1, 3, 8, 8, 8},
                "timestep", new long[] {1}, "encoderHiddenStates", new long[] {1, 1, 64},
                "addedTimeIds", new long[] {1, 3}), java.util.Map.of("out", new long[] {1, 3, 4, 8, 8}));
        int fs = shape.frameSize();
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < fs; i++) {
                ws.in("sample").set(t * 2 * fs + i, x[t * fs + i]);
                ws.in("sample").set(t * 2 * fs + fs + i, cond.latents()[i]);
            }
        }
        ws.in("timestep").set(0, -0.2f);
        ws.in("encoderHiddenStates").put(0, cond.embedding(), 0, 64);
        ws.in("addedTimeIds").put(0, new float[] {6f, 127f, 0.02f}, 0, 3);
        unet.run(ws);
        float[] byHand = new float[shape.size()];
        ws.out("out").get(0, byHand, 0, byHand.length);
        assertArrayEquals(byHand, viaApi, 1e-6f);
    }

    @Test
    void networksAreUsableFromSeveralThreadsAtOnce() throws Exception {
        LatentShape shape = new LatentShape(4, 4, 8, 8);
        int n = 6;
        float[][] expected = new float[n][shape.size()];
        for (int i = 0; i < n; i++) {
            model.denoiser().predict(shape, Draws.gaussian(shape.size(), 10 + i), 0.1f * i,
                    Draws.conditioning(shape, 64, 20 + i), expected[i]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<float[]>> got = new ArrayList<>();
            for (int rep = 0; rep < 3; rep++) {
                for (int i = 0; i < n; i++) {
                    int k = i;
                    got.add(pool.submit(() -> {
                        float[] out = new float[shape.size()];
                        model.denoiser().predict(shape, Draws.gaussian(shape.size(), 10 + k), 0.1f * k,
                                Draws.conditioning(shape, 64, 20 + k), out);
                        return out;
                    }));
                }
            }
            for (int j = 0; j < got.size(); j++) {
                assertArrayEquals(expected[j % n], got.get(j).get(), 1e-6f);
            }
        } finally {
            pool.shutdown();
        }
        int idle = ((OnnxModel) model).idleWorkspaces(NetworkKind.UNET);
        assertTrue(idle >= 1 && idle <= WorkspacePool.MAX_IDLE * WorkspacePool.MAX_SHAPES, "idle " + idle);
    }

    @Test
    void workspacesAreReusedAcrossCalls() {
        try (OnnxModel m = OnnxModel.open(TestBundles.bundle(TestBundles.RANDOM_TINY))) {
            LatentShape shape = new LatentShape(2, 4, 8, 8);
            float[] out = new float[shape.size()];
            for (int i = 0; i < 5; i++) {
                m.denoiser().predict(shape, Draws.gaussian(shape.size(), i), 0f, Draws.conditioning(shape, 64, i), out);
            }
            assertEquals(1, m.idleWorkspaces(NetworkKind.UNET), "one call at a time needs one workspace");
        }
    }

    @Test
    void chunkSizesDoNotChangeResults() {
        Video clip = Clips.discClip(8, 32, 32);
        try (OnnxModel small = OnnxModel.open(TestBundles.bundle(TestBundles.RANDOM_TINY),
                OnnxOptions.builder().encodeChunk(3).decodeChunk(3).intraOpThreads(1).build())) {
            Latents whole = model.encoder().encode(clip);
            Latents chunked = small.encoder().encode(clip);
            assertEquals(whole.shape(), chunked.shape());
            assertArrayEquals(whole.data(), chunked.data(), 1e-5f);
            Video a = model.encoder().decode(whole);
            Video b = small.encoder().decode(whole);
            assertArrayEquals(a.data(), b.data(), 1e-5f);
        }
    }

    @Test
    void aFixedDecoderChunkPadsTheLastChunk(@org.junit.jupiter.api.io.TempDir Path tmp) {
        Path b = TestBundles.copy(TestBundles.RANDOM_TINY, tmp);
        var m = TestBundles.manifest(b);
        ((com.fasterxml.jackson.databind.node.ObjectNode) m.get("networks").get("vaeDecoder")).put("fixedChunk", 3);
        TestBundles.write(b, m);
        Latents l = new Latents(new LatentShape(7, 4, 16, 16), Draws.gaussian(7 * 4 * 256, 5));
        try (OnnxModel fixed = OnnxModel.open(b)) {
            assertEquals(3, fixed.manifest().networks().vaeDecoder().fixedChunk());
            Video v = fixed.encoder().decode(l);
            assertEquals(7, v.frames());
            assertArrayEquals(model.encoder().decode(l).data(), v.data(), 1e-5f);
        }
    }

    @Test
    void wrongShapesAreRefusedWithExpectedAndFound() {
        LatentShape wrong = new LatentShape(2, 3, 8, 8);
        Conditioning c = Draws.conditioning(new LatentShape(2, 4, 8, 8), 64, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.denoiser()
                .predict(wrong, new float[wrong.size()], 0f, c, new float[wrong.size()]));
        assertTrue(e.getMessage().contains("Expected latents with 4 channels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.encoder().encode(Clips.discClip(2, 31, 32)));
        assertTrue(e.getMessage().contains("multiple of the downscale factor 2"), e.getMessage());
    }

    @Test
    void closingTwiceIsHarmlessAndUseAfterCloseThrows() {
        int before = OnnxNetwork.OPEN_SESSIONS.get();
        OnnxModel m = OnnxModel.open(TestBundles.bundle(TestBundles.RANDOM_TINY));
        assertEquals(before + 4, OnnxNetwork.OPEN_SESSIONS.get());
        Denoiser d = m.denoiser();
        m.close();
        m.close();
        assertEquals(before, OnnxNetwork.OPEN_SESSIONS.get());
        IllegalStateException e = assertThrows(IllegalStateException.class, m::encoder);
        assertTrue(e.getMessage().contains("OnnxModel") && e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, m::denoiser);
        assertThrows(IllegalStateException.class, m::embedder);
        LatentShape s = new LatentShape(2, 4, 8, 8);
        e = assertThrows(IllegalStateException.class, () -> d.predict(s, new float[s.size()], 0f,
                Draws.conditioning(s, 64, 1), new float[s.size()]));
        assertTrue(e.getMessage().contains("OnnxModel 'random-tiny' is closed"), e.getMessage());
        assertSame(m.spec(), m.spec(), "the spec stays readable");
    }

    @Test
    void cudaOnTheCpuRuntimeFailsClearlyAndLeaksNothing() {
        int before = OnnxNetwork.OPEN_SESSIONS.get();
        OnnxOptions cuda = OnnxOptions.builder().executionProvider(OnnxOptions.ExecutionProvider.CUDA).build();
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> OnnxModel.open(TestBundles.bundle(TestBundles.RANDOM_TINY), cuda));
        assertTrue(e.getMessage().contains("-Pcuda"), e.getMessage());
        assertEquals(before, OnnxNetwork.OPEN_SESSIONS.get());
    }

    @Test
    void aSecondModelOnTheSameBundleIsIndependent() {
        Video clip = Clips.discClip(3, 32, 32);
        try (OnnxModel other = OnnxModel.open(TestBundles.bundle(TestBundles.RANDOM_TINY))) {
            assertNotEquals(other, model);
            assertArrayEquals(model.encoder().encode(clip).data(), other.encoder().encode(clip).data(), 1e-6f);
        }
    }
}
