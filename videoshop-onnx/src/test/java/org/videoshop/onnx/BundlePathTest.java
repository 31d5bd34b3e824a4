package org.videoshop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Files named by a manifest must exist and stay inside the bundle folder. */
class BundlePathTest {

    @TempDir
    Path tmp;

    private InvalidBundleException withUnetFile(Path b, String file) {
        ObjectNode m = TestBundles.manifest(b);
        ((ObjectNode) m.get("networks").get("unet")).put("file", file);
        TestBundles.write(b, m);
        return assertThrows(InvalidBundleException.class, () -> ModelBundle.read(b));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"../unet.onnx", "sub/../../unet.onnx", "/etc/passwd", "C:/unet.onnx", "\\unet.onnx",
        "sub\\unet.onnx", "./unet.onnx", "sub//unet.onnx", ".."})
    void pathsLeavingTheFolderOrOddlyWrittenAreRefused(String file) throws IOException {
        Path b = TestBundles.copy(TestBundles.RANDOM_TINY, tmp);
        Files.copy(b.resolve("unet.onnx"), tmp.resolve("unet.onnx"));
        InvalidBundleException e = withUnetFile(b, file);
        assertEquals("$.networks.unet.file", e.field());
        assertTrue(e.getMessage().contains("stays inside"), e.getMessage());
    }

    @Test
    void aSymlinkResolvingOutsideTheFolderIsRefused() throws IOException {
        Path b = TestBundles.copy(TestBundles.RANDOM_TINY, tmp);
        Path outside = Files.copy(b.resolve("unet.onnx"), tmp.resolve("outside.onnx"));
        Files.createSymbolicLink(b.resolve("link.onnx"), outside);
        InvalidBundleException e = withUnetFile(b, "link.onnx");
        assertTrue(e.getMessage().contains("is a link to") && e.getMessage().contains("outside"), e.getMessage());
    }

    @Test
    void aSymlinkedFolderLeavingTheBundleIsRefused() throws IOException {
        Path b = TestBundles.copy(TestBundles.RANDOM_TINY, tmp);
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.copy(b.resolve("unet.onnx"), elsewhere.resolve("unet.onnx"));
        Files.createSymbolicLink(b.resolve("weights"), elsewhere);
        InvalidBundleException e = withUnetFile(b, "weights/unet.onnx");
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
    }

    @Test
    void aSymlinkStayingInsideIsAccepted() throws IOException {
        Path b = TestBundles.copy(TestBundles.RANDOM_TINY, tmp);
        Files.createDirectories(b.resolve("sub"));
        Files.createSymbolicLink(b.resolve("sub/u.onnx"), b.resolve("unet.onnx"));
        ObjectNode m = TestBundles.manifest(b);
        ((ObjectNode) m.get("networks").get("unet")).put("file", "sub/u.onnx");
        TestBundles.write(b, m);
        try (ModelBundle read = ModelBundle.read(b)) {
            assertEquals("sub/u.onnx", read.manifest().networks().unet().file());
        }
    }

    @Test
    void missingFilesAndFoldersAreNamed() throws IOException {
        Path b = TestBundles.copy(TestBundles.RANDOM_TINY, tmp);
        InvalidBundleException e = withUnetFile(b, "nothing.onnx");
        assertEquals("$.networks.unet.file", e.field());
        assertTrue(e.getMessage().contains("\"nothing.onnx\" to exist"), e.getMessage());
        Files.createDirectories(b.resolve("dir.onnx"));
        e = withUnetFile(b, "dir.onnx");
        assertTrue(e.getMessage().contains("regular file"), e.getMessage());
    }

    @Test
    void externalDataMustExistInsideToo() {
        Path b = TestBundles.copy(TestBundles.RANDOM_TINY, tmp);
        ObjectNode m = TestBundles.manifest(b);
        ((ObjectNode) m.get("networks").get("unet")).putArray("externalData").add("../secrets.data");
        TestBundles.write(b, m);
        InvalidBundleException e = assertThrows(InvalidBundleException.class, () -> ModelBundle.read(b));
        assertEquals("$.networks.unet.externalData[0]", e.field());
        ((ObjectNode) m.get("networks").get("unet")).putArray("externalData").add("unet.onnx.data");
        TestBundles.write(b, m);
        e = assertThrows(InvalidBundleException.class, () -> ModelBundle.read(b));
        assertTrue(e.getMessage().contains("unet.onnx.data"), e.getMessage());
    }

    @Test
    void classpathBundlesAreCheckedToo() {
        assertNull(ModelBundle.readResource("bundles/no-such-bundle", null));
        try (ModelBundle b = ModelBundle.readResource("/bundles/random-tiny/", null)) {
            assertEquals("random-tiny", b.manifest().name());
            assertTrue(b.folder().endsWith("random-tiny"));
        }
    }
}
