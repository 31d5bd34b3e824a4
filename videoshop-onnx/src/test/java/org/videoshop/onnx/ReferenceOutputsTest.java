package org.videoshop.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Latents;
import org.videoshop.tensor.Video;

/**
 * ONNX Runtime reproduces PyTorch's outputs on the stored input/output pair of every network: of the random-tiny
 * and svd-shaped-random test bundles, of svd-shaped-fp16 (the same weights with a float16 UNet, against
 * svd-shaped-random's pairs at half-precision tolerance), and of the real tiny bundle (classpath
 * videoshop/models/tiny, pairs in bundles/tiny-reference) once the trained model is on the classpath (skipped until
 * then). Each pair is checked twice: the graph on the raw stored tensors, and through the public
 * Encoder/ImageEmbedder with their pixel conversions.
 */
class ReferenceOutputsTest {

    private static final double ATOL = 1e-4;
    private static final double RTOL = 1e-3;
    /** float16 carries 11 significant bits: inputs and outputs are each rounded to about 5e-4 relative. */
    private static final double HALF_TOL = 1e-2;

    private static double atol(OnnxNetwork net) {
        return net.spec().dtype() == BundleManifest.Dtype.FLOAT16 ? HALF_TOL : ATOL;
    }

    private static double rtol(OnnxNetwork net) {
        return net.spec().dtype() == BundleManifest.Dtype.FLOAT16 ? HALF_TOL : RTOL;
    }

    static Stream<Arguments> pairs() {
        List<Arguments> out = new ArrayList<>();
        for (String bundle : List.of("random-tiny", "svd-shaped-random", "svd-shaped-fp16", "tiny")) {
            for (NetworkKind k : NetworkKind.values()) {
                out.add(Arguments.of(bundle, k));
            }
        }
        return out.stream();
    }

    /** The bundle folder and the folder of its reference pairs, or null when not (yet) present. */
    private static Path[] locate(String bundle) {
        if (bundle.equals("tiny")) {
            Path b = TestBundles.resource(OnnxModelProvider.TINY_RESOURCE);
            Path r = TestBundles.resource("bundles/tiny-reference");
            return b == null || r == null ? null : new Path[] {b, r};
        }
        String refs = bundle.equals("svd-shaped-fp16") ? "svd-shaped-random" : bundle;
        Path b = TestBundles.resource("bundles/" + bundle);
        Path r = TestBundles.resource("bundles/" + refs + "-reference");
        return b == null || r == null ? null : new Path[] {b, r};
    }

    private static OnnxModel open(String bundle) {
        Path[] where = locate(bundle);
        assumeTrue(where != null, bundle + " bundle or its reference pairs are not on the classpath yet");
        return OnnxModel.open(where[0], OnnxOptions.builder().intraOpThreads(1).build());
    }

    private static TestBundles.Reference reference(String bundle, NetworkKind kind) {
        Path file = locate(bundle)[1].resolve(kind.key() + ".json");
        assumeTrue(Files.exists(file), "no reference pair " + file);
        return TestBundles.reference(file);
    }

    @ParameterizedTest(name = "{0} {1} graph")
    @MethodSource("pairs")
    void theGraphReproducesPyTorch(String bundle, NetworkKind kind) {
        try (OnnxModel model = open(bundle)) {
            TestBundles.Reference ref = reference(bundle, kind);
            OnnxNetwork net = model.network(kind);
            BundleManifest.Network spec = net.spec();
            Map<String, long[]> ins = new LinkedHashMap<>();
            Map<String, long[]> outs = new LinkedHashMap<>();
            spec.inputs().forEach((role, name) -> ins.put(role, shapeOf(ref.inputs().get(name))));
            spec.outputs().forEach((role, name) -> outs.put(role, shapeOf(ref.outputs().get(name))));
            Workspace ws = net.acquire(List.of(-1L), ins, outs);
            spec.inputs().forEach((role, name) -> {
                TestBundles.RefTensor t = ref.inputs().get(name);
                if (t.dtype().equals("int64")) {
                    ws.in(role).setLong(0, (long) t.data()[0]);
                } else {
                    ws.in(role).put(0, t.data(), 0, t.size());
                }
            });
            net.run(ws);
            spec.outputs().forEach((role, name) -> {
                TestBundles.RefTensor t = ref.outputs().get(name);
                float[] got = new float[t.size()];
                ws.out(role).get(0, got, 0, got.length);
                double w = TestBundles.worst(got, t.data(), atol(net), rtol(net));
                assertTrue(w <= 1, kind.key() + "." + role + " differs from PyTorch by " + w + "x the tolerance");
            });
        }
    }

    private static long[] shapeOf(TestBundles.RefTensor t) {
        return t.shape().length == 0 ? new long[] {1} : t.shape();
    }

    @ParameterizedTest(name = "{0} {1} public api")
    @MethodSource("pairs")
    void thePublicNetworksReproducePyTorch(String bundle, NetworkKind kind) {
        assumeTrue(kind != NetworkKind.UNET, "the UNet's pair has per-frame conditioning latents; see "
                + "OnnxModelIntegrationTest for the denoiser's packing");
        try (OnnxModel model = open(bundle)) {
            TestBundles.Reference ref = reference(bundle, kind);
            BundleManifest m = model.manifest();
            TestBundles.RefTensor in = ref.inputs().values().iterator().next();
            TestBundles.RefTensor out = ref.outputs().values().iterator().next();
            long[] s = in.shape();
            switch (kind) {
                case IMAGE_EMBEDDER -> {
                    assumeTrue(s[2] == m.embedder().imageSize() && s[3] == s[2], "the stored pair is "
                            + s[3] + "x" + s[2] + ", not the embedder's input size; the public path resizes");
                    // undo the embedder's normalisation so the public path recomputes the stored input
                    float[] pixels = in.data().clone();
                    int plane = (int) (s[2] * s[3]);
                    double[] mean = m.embedder().mean();
                    double[] std = m.embedder().std();
                    for (int i = 0; i < pixels.length; i++) {
                        int c = i / plane;
                        pixels[i] = (float) (pixels[i] * std[c] + mean[c]);
                    }
                    float[] e = model.embedder().embed(new Frame((int) s[2], (int) s[3], pixels));
                    assertEquals(m.embedder().dimension(), e.length);
                    assertTrue(TestBundles.worst(e, out.data(), ATOL, RTOL) <= 1);
                }
                case VAE_ENCODER -> {
                    float[] pixels = in.data().clone();
                    for (int i = 0; i < pixels.length; i++) {
                        pixels[i] = (pixels[i] + 1f) / 2f;
                    }
                    Latents l = model.encoder().encode(new Video((int) s[0], (int) s[2], (int) s[3], pixels));
                    assertArrayEquals(out.shape(), new long[] {l.shape().frames(), l.shape().channels(),
                        l.shape().height(), l.shape().width()});
                    assertTrue(TestBundles.worst(l.data(), out.data(), ATOL, RTOL) <= 1);
                }
                case VAE_DECODER -> {
                    Video v = model.encoder().decode(new Latents(new LatentShape((int) s[0], (int) s[1], (int) s[2],
                            (int) s[3]), in.data()));
                    float[] expected = out.data().clone();
                    for (int i = 0; i < expected.length; i++) {
                        expected[i] = Math.min(1f, Math.max(0f, (expected[i] + 1f) / 2f));
                    }
                    assertEquals(out.shape()[2], v.height());
                    assertTrue(TestBundles.worst(v.data(), expected, ATOL, RTOL) <= 1);
                }
                default -> throw new AssertionError(kind);
            }
        }
    }
}
