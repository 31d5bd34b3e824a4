package org.videoshop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.videoshop.EditResult;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.model.Conditioning;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Latents;
import org.videoshop.tensor.Video;
import org.videoshop.testing.Clips;

/**
 * A bundle with Stable Video Diffusion's interfaces at 64x64 (random weights): 4 latent channels, 8-channel UNet
 * input, 1024-d embedding of a 224 px image, downscale 8, temporal decoder taking num_frames, and a float16 UNet
 * with float32 timestep and external weights, as scripts/svd/export_svd.py writes for the real model.
 */
class SvdShapedBundleTest {

    private static VideoshopModel model;

    @BeforeAll
    static void open() {
        model = VideoshopModel.open(TestBundles.bundle(TestBundles.SVD_FP16));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void theSpecComesFromTheManifest() {
        ModelSpec s = model.spec();
        assertEquals(4, s.latentChannels());
        assertEquals(8, s.downscale());
        assertEquals(0.18215, s.scalingFactor());
        assertEquals(14, s.nativeFrames());
        assertEquals(64, s.width());
        assertEquals(1024, s.embeddingDim());
        assertEquals(1024, model.embedder().dimension());
        OnnxModel m = (OnnxModel) model;
        assertTrue(m.network(NetworkKind.UNET).isHalf("sample", true));
        assertTrue(!m.network(NetworkKind.UNET).isHalf("timestep", true), "SVD's timestep stays float32");
    }

    @Test
    void anEditRunsWithTheFloat16UnetAndTheTemporalDecoder() {
        Video clip = Clips.discClip(14, 64, 64);
        EditResult r = Videoshop.editor(model, VideoshopOptions.builder().steps(6).strength(0.5).seed(3).build())
                .edit(clip, Clips.recolouredFirst(clip));
        assertEquals(14, r.video().frames());
        assertEquals(64, r.video().width());
        for (float v : r.video().data()) {
            assertTrue(Float.isFinite(v) && v >= 0 && v <= 1, "pixel " + v);
        }
    }

    @Test
    void theFloat32SvdShapedBundleEditsToo() {
        Video clip = Clips.discClip(6, 64, 64);
        try (VideoshopModel fp32 = VideoshopModel.open(TestBundles.bundle("svd-shaped-random"))) {
            EditResult r = Videoshop.editor(fp32, VideoshopOptions.builder().steps(4).strength(0.5).build())
                    .edit(clip, Clips.recolouredFirst(clip));
            assertEquals(6, r.video().frames());
            assertEquals("svd-shaped-random", r.provenance().modelName());
        }
    }

    @Test
    void theFloat16GuidedPairEqualsTwoSinglePredictions() {
        LatentShape shape = new LatentShape(3, 4, 8, 8);
        float[] x = Draws.gaussian(shape.size(), 11);
        Conditioning c = Draws.conditioning(shape, 1024, 12);
        float[] c2 = new float[shape.size()];
        float[] u2 = new float[shape.size()];
        model.denoiser().predictGuided(shape, x, 0.5f, c, c.unconditional(), c2, u2);
        float[] c1 = new float[shape.size()];
        model.denoiser().predict(shape, x, 0.5f, c, c1);
        assertTrue(TestBundles.worst(c2, c1, 1e-3, 1e-3) <= 1);
        for (float v : u2) {
            assertTrue(Float.isFinite(v));
        }
    }

    @Test
    void theFloat16UnetAgreesWithTheFloat32OneItWasMadeFrom() {
        LatentShape shape = new LatentShape(4, 4, 8, 8);
        float[] x = Draws.gaussian(shape.size(), 21);
        Conditioning c = Draws.conditioning(shape, 1024, 22);
        float[] half = new float[shape.size()];
        float[] full = new float[shape.size()];
        model.denoiser().predict(shape, x, 0.4f, c, half);
        try (VideoshopModel fp32 = VideoshopModel.open(TestBundles.bundle("svd-shaped-random"))) {
            fp32.denoiser().predict(shape, x, 0.4f, c, full);
        }
        assertTrue(TestBundles.worst(half, full, 1e-2, 1e-2) <= 1, "float16 UNet strays from float32");
        assertTrue(TestBundles.worst(half, full, 1e-6, 0) > 1, "the two really ran different precisions");
    }

    @Test
    void theTemporalDecoderIsFedEachChunksFrameCount() {
        Latents l = new Latents(new LatentShape(14, 4, 8, 8), Draws.gaussian(14 * 256, 13));
        try (OnnxModel chunked = OnnxModel.open(TestBundles.bundle(TestBundles.SVD_FP16),
                OnnxOptions.builder().decodeChunk(5).build())) {
            Video v = chunked.encoder().decode(l);
            assertEquals(14, v.frames());
            assertEquals(64, v.height());
            // 5 + 5 + 4 frames: the last chunk mixes only its own frames, so it differs from decoding all at once
            Video whole = model.encoder().decode(l);
            assertTrue(TestBundles.worst(v.data(), whole.data(), 1e-6, 0) > 1,
                    "the decoder's temporal mixing depends on the chunk");
        }
    }
}
