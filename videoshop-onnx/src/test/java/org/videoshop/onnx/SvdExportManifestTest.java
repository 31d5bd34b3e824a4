package org.videoshop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.videoshop.diffusion.Prediction;
import org.videoshop.model.ModelSpec;

/**
 * The manifests scripts/svd/export_svd.py writes (kept as test resources, regenerated with
 * {@code python3 scripts/svd/export_svd.py --manifest-only --variant V --version svd-V/test
 * --out videoshop-onnx/src/test/resources/svd-export/V}) validate and describe SVD. The ONNX export itself
 * cannot run here (no weights, no diffusers), so the files it names are stood in for by empty files.
 */
class SvdExportManifestTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"img2vid, 14", "img2vid-xt, 25"})
    void theExportScriptsManifestValidates(String variant, int frames) throws IOException {
        Path bundle = Files.createDirectories(tmp.resolve(variant));
        Files.copy(TestBundles.resource("svd-export/" + variant + "/" + BundleManifest.FILE_NAME),
                bundle.resolve(BundleManifest.FILE_NAME));
        for (String f : namedFiles(bundle)) {
            Files.createFile(bundle.resolve(f));
        }
        try (ModelBundle b = ModelBundle.read(bundle)) {
            BundleManifest m = b.manifest();
            ModelSpec s = m.toSpec(b.version());
            assertEquals("svd-" + variant, s.name());
            assertEquals("svd-" + variant + "/test", s.version());
            assertEquals(4, s.latentChannels());
            assertEquals(8, s.downscale());
            assertEquals(0.18215, s.scalingFactor());
            assertEquals(frames, s.nativeFrames());
            assertEquals(1024, s.width());
            assertEquals(576, s.height());
            assertEquals(64, s.sizeMultiple());
            assertEquals(1024, s.embeddingDim());
            assertEquals(224, m.embedder().imageSize());
            assertEquals(0.48145466, m.embedder().mean()[0]);
            assertEquals(0.26862954, m.embedder().std()[0]);
            assertEquals(7.0, s.fps());
            assertEquals(127.0, s.motionBucketId());
            assertEquals(0.02, s.noiseAugStrength());
            assertEquals(Prediction.V, s.preconditioning().prediction());
            assertEquals(1.0, s.preconditioning().sigmaData());
            assertTrue(s.normalizePerVideo());
            assertEquals(null, m.networks().vaeDecoder().fixedChunk());
            assertTrue(m.networks().vaeDecoder().wholeClip(), "the temporal decoder takes whole clips");
            assertEquals(BundleManifest.Dtype.FLOAT16, m.networks().unet().dtype());
            assertEquals(List.of("unet.onnx.data"), m.networks().unet().externalData());
            assertEquals("encoder_hidden_states", m.networks().unet().input("encoderHiddenStates"));
            assertEquals("added_time_ids", m.networks().unet().input("addedTimeIds"));
        }
    }

    private static List<String> namedFiles(Path bundle) {
        // read the JSON directly: the manifest cannot be validated before its files exist
        var root = TestBundles.manifest(bundle);
        List<String> files = new ArrayList<>();
        root.get("networks").forEach(n -> {
            files.add(n.get("file").asText());
            if (n.has("externalData")) {
                n.get("externalData").forEach(e -> files.add(e.asText()));
            }
        });
        return files;
    }
}
