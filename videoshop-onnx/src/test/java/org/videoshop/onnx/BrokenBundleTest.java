package org.videoshop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.model.VideoshopModel;

/**
 * Broken ONNX files and graphs that do not match the manifest give errors naming the file and leave no session
 * open (the UNet is opened last, so three sessions exist when it fails).
 */
class BrokenBundleTest {

    @TempDir
    Path tmp;

    private InvalidBundleException openFails(Path bundle) {
        int before = OnnxNetwork.OPEN_SESSIONS.get();
        InvalidBundleException e = assertThrows(InvalidBundleException.class, () -> VideoshopModel.open(bundle));
        assertEquals(before, OnnxNetwork.OPEN_SESSIONS.get(), "sessions left open after a failed open");
        return e;
    }

    private Path editManifest(Consumer<ObjectNode> edit) {
        Path b = TestBundles.copy(TestBundles.RANDOM_TINY, tmp);
        ObjectNode m = TestBundles.manifest(b);
        edit.accept(m);
        TestBundles.write(b, m);
        return b;
    }

    private static ObjectNode net(ObjectNode m, String key) {
        return (ObjectNode) m.get("networks").get(key);
    }

    @Test
    void aTruncatedUnetIsNamedAndNoSessionStaysOpen() throws IOException {
        Path b = TestBundles.copy(TestBundles.RANDOM_TINY, tmp);
        byte[] full = Files.readAllBytes(b.resolve("unet.onnx"));
        Files.write(b.resolve("unet.onnx"), java.util.Arrays.copyOf(full, full.length / 2));
        InvalidBundleException e = openFails(b);
        assertEquals("unet.onnx", e.field());
        assertTrue(e.getMessage().contains("expected a valid ONNX model for network unet"), e.getMessage());
    }

    @Test
    void aUnetWithAFixedBatchIsRefusedAtOpenNamingTheDimension() throws IOException {
        InvalidBundleException e = unetRefused("broken/unet_fixed_batch.onnx");
        assertTrue(e.getMessage().contains("expected the batch dimension (dimension 0) of input ")
                && e.getMessage().contains("runs the UNet at batch 1 (unguided inversion) and 2 (guided)")
                && e.getMessage().contains("fixes it to 2")
                && e.getMessage().contains("re-export with scripts/svd/export_svd.py"), e.getMessage());
    }

    @Test
    void aUnetWithAFixedFrameCountIsRefusedAtOpenNamingTheDimension() throws IOException {
        InvalidBundleException e = unetRefused("broken/unet_fixed_frames.onnx");
        assertTrue(e.getMessage().contains("expected the frame dimension (dimension 1) of input sample")
                && e.getMessage().contains("fixes it to 14")
                && e.getMessage().contains("re-export with scripts/svd/export_svd.py"), e.getMessage());
    }

    @Test
    void aFileThatIsNotOnnxIsNamed() throws IOException {
        Path b = TestBundles.copy(TestBundles.RANDOM_TINY, tmp);
        Files.writeString(b.resolve("vae_decoder.onnx"), "this is not a model\n");
        InvalidBundleException e = openFails(b);
        assertEquals("vae_decoder.onnx", e.field());
        assertTrue(e.getMessage().contains("vaeDecoder"), e.getMessage());
    }

    @Test
    void anEmptyFileIsNamed() throws IOException {
        Path b = TestBundles.copy(TestBundles.RANDOM_TINY, tmp);
        Files.write(b.resolve("unet.onnx"), new byte[0]);
        assertEquals("unet.onnx", openFails(b).field());
    }

    @Test
    void aWrongInputNameListsTheGraphsNames() {
        Path b = editManifest(m -> ((ObjectNode) net(m, "unet").get("inputs")).put("sample", "noisy"));
        InvalidBundleException e = openFails(b);
        assertEquals("unet.onnx", e.field());
        assertTrue(e.getMessage().contains("expected a graph input \"noisy\"")
                && e.getMessage().contains("the graph has inputs [sample")
                && e.getMessage().contains("out_sample"), e.getMessage());
    }

    @Test
    void aWrongOutputNameIsNamed() {
        Path b = editManifest(m -> ((ObjectNode) net(m, "imageEmbedder").get("outputs")).put("embedding", "emb"));
        InvalidBundleException e = openFails(b);
        assertTrue(e.getMessage().contains("expected a graph output \"emb\"")
                && e.getMessage().contains("image_embeds"), e.getMessage());
    }

    @Test
    void aGraphInputTheManifestDoesNotNameIsRefused() {
        Path b = TestBundles.copy(TestBundles.SVD_FP16, tmp);
        ObjectNode m = TestBundles.manifest(b);
        ((ObjectNode) net(m, "vaeDecoder").get("inputs")).remove("numFrames");
        TestBundles.write(b, m);
        InvalidBundleException e = openFails(b);
        assertTrue(e.getMessage().contains("\"num_frames\" is not"), e.getMessage());
    }

    @Test
    void channelsThatDisagreeWithTheGraphAreRefused() {
        Path b = editManifest(m -> ((ObjectNode) m.get("embedder")).put("dimension", 32));
        InvalidBundleException e = openFails(b);
        assertTrue(e.getMessage().contains("[*, 1, 32]") && e.getMessage().contains("fixes dimension 2 to 64"),
                e.getMessage());
    }

    @Test
    void aDtypeThatDisagreesWithTheGraphIsRefused() {
        Path b = editManifest(m -> net(m, "vaeEncoder").put("dtype", "float16"));
        InvalidBundleException e = openFails(b);
        assertTrue(e.getMessage().contains("to be float16 as $.networks.vaeEncoder.dtype says"), e.getMessage());
    }

    @Test
    void missingExternalDataIsCaughtBeforeOnnxRuntime() throws IOException {
        Path b = TestBundles.copy(TestBundles.SVD_FP16, tmp);
        Files.delete(b.resolve("unet.onnx.data"));
        InvalidBundleException e = assertThrows(InvalidBundleException.class, () -> ModelBundle.read(b));
        assertEquals("$.networks.unet.externalData[0]", e.field());
        assertFalse(e.getMessage().isBlank());
    }

    /** Opening the random tiny bundle with its UNet replaced by {@code resource} fails, naming unet.onnx. */
    private InvalidBundleException unetRefused(String resource) throws IOException {
        Path b = TestBundles.copy(TestBundles.RANDOM_TINY, tmp);
        Files.copy(TestBundles.resource(resource), b.resolve("unet.onnx"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        InvalidBundleException e = openFails(b);
        assertEquals("unet.onnx", e.field());
        return e;
    }
}
