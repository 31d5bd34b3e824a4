package org.videoshop.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.tensor.Video;
import org.videoshop.testing.Clips;

/**
 * Bundles as classpath resources: a folder on disk (as in an IDE or target/classes), and inside a jar, where
 * networks are loaded from bytes, or copied to a temporary folder (owned and deleted by the model) when they have
 * external data.
 */
class ClasspathBundleTest {

    @TempDir
    Path tmp;

    private URLClassLoader jarWith(String bundle, String prefix) throws IOException {
        Path jar = tmp.resolve(bundle + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.list(TestBundles.bundle(bundle))) {
            for (Path f : files.toList()) {
                out.putNextEntry(new JarEntry(prefix + "/" + f.getFileName()));
                Files.copy(f, (OutputStream) out);
                out.closeEntry();
            }
        }
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
    }

    @Test
    void aResourceFolderOnDiskOpensLikeAFolder() {
        Video clip = Clips.discClip(3, 32, 32);
        try (OnnxModel a = OnnxModel.openResource("bundles/random-tiny", null, OnnxOptions.defaults());
             OnnxModel b = OnnxModel.open(TestBundles.bundle(TestBundles.RANDOM_TINY))) {
            assertNotNull(a.bundle().folder());
            assertEquals(a.spec(), b.spec());
            assertArrayEquals(a.encoder().encode(clip).data(), b.encoder().encode(clip).data(), 1e-6f);
        }
    }

    @Test
    void aBundleInsideAJarLoadsFromBytes() throws IOException {
        Video clip = Clips.discClip(3, 32, 32);
        try (URLClassLoader cl = jarWith(TestBundles.RANDOM_TINY, "models/rt");
             OnnxModel fromJar = OnnxModel.openResource("models/rt", cl, OnnxOptions.defaults());
             OnnxModel fromDisk = OnnxModel.open(TestBundles.bundle(TestBundles.RANDOM_TINY))) {
            assertNull(fromJar.bundle().folder(), "no temporary copy without external data");
            assertTrue(fromJar.bundle().source().startsWith("classpath:models/rt"));
            assertEquals(fromDisk.spec(), fromJar.spec(), "same manifest and files, same checksum version");
            assertArrayEquals(fromDisk.encoder().encode(clip).data(), fromJar.encoder().encode(clip).data(), 1e-6f);
        }
    }

    @Test
    void aJarBundleWithExternalDataIsCopiedOutAndTheCopyDeletedOnClose() throws IOException {
        Path copy;
        try (URLClassLoader cl = jarWith(TestBundles.SVD_FP16, "svd")) {
            OnnxModel m = OnnxModel.openResource("svd", cl, OnnxOptions.defaults());
            copy = m.bundle().folder();
            assertNotNull(copy);
            assertTrue(Files.exists(copy.resolve("unet.onnx.data")));
            float[] e = m.embedder().embed(Clips.discClip(1, 64, 64).frame(0));
            assertEquals(1024, e.length);
            m.close();
        }
        assertFalse(Files.exists(copy), "temporary bundle copy removed by close()");
    }

    @Test
    void aMissingResourceFolderIsAClearError() throws IOException {
        try (URLClassLoader cl = jarWith(TestBundles.RANDOM_TINY, "models/rt")) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> OnnxModel.openResource("models/other", cl, OnnxOptions.defaults()));
            assertTrue(e.getMessage().contains("models/other/videoshop-model.json"), e.getMessage());
        }
    }
}
