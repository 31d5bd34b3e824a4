package org.videoshop.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.tensor.Images;
import org.videoshop.tensor.Video;
import org.videoshop.testing.Clips;

/**
 * How the api reads images of every type, on the real ONNX model: alpha is ignored (the colour channels are taken
 * as stored, even where a pixel is fully transparent), grayscale and indexed images become RGB. An edit of an image
 * of any type gives exactly the frames of the same edit of its opaque RGB equivalent (the colour
 * {@link BufferedImage#getRGB} reports, alpha dropped).
 */
class ImageInputHandlingTest {

    private static final VideoshopOptions FAST = VideoshopOptions.builder().steps(4).strength(0.5).seed(11).build();
    private static OnnxModel model;

    @BeforeAll
    static void open() {
        model = OnnxModel.open(TestBundles.bundle(TestBundles.RANDOM_TINY));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static Stream<Arguments> imageTypes() {
        return Stream.of(
                Arguments.of("TYPE_INT_ARGB, random alpha", BufferedImage.TYPE_INT_ARGB),
                Arguments.of("TYPE_4BYTE_ABGR, random alpha", BufferedImage.TYPE_4BYTE_ABGR),
                Arguments.of("TYPE_BYTE_GRAY", BufferedImage.TYPE_BYTE_GRAY),
                Arguments.of("TYPE_USHORT_GRAY", BufferedImage.TYPE_USHORT_GRAY),
                Arguments.of("TYPE_BYTE_INDEXED", BufferedImage.TYPE_BYTE_INDEXED),
                Arguments.of("TYPE_BYTE_BINARY", BufferedImage.TYPE_BYTE_BINARY),
                Arguments.of("TYPE_3BYTE_BGR", BufferedImage.TYPE_3BYTE_BGR),
                Arguments.of("TYPE_INT_BGR", BufferedImage.TYPE_INT_BGR));
    }

    /** The clip drawn into images of {@code type}; with alpha, every pixel gets a random alpha (some 0). */
    private static List<BufferedImage> asType(Video clip, int type, long seed) {
        Random r = new Random(seed);
        List<BufferedImage> out = new ArrayList<>();
        for (int t = 0; t < clip.frames(); t++) {
            BufferedImage rgb = Images.toImage(clip.frame(t));
            BufferedImage img = new BufferedImage(rgb.getWidth(), rgb.getHeight(), type);
            boolean alpha = img.getColorModel().hasAlpha();
            for (int y = 0; y < rgb.getHeight(); y++) {
                for (int x = 0; x < rgb.getWidth(); x++) {
                    int p = rgb.getRGB(x, y) & 0xffffff;
                    int a = alpha ? (r.nextInt(4) == 0 ? 0 : r.nextInt(256)) : 0xff;
                    img.setRGB(x, y, (a << 24) | p);
                }
            }
            out.add(img);
        }
        return out;
    }

    /** An opaque RGB copy of what getRGB reports, alpha dropped. */
    private static BufferedImage opaque(BufferedImage img) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                out.setRGB(x, y, img.getRGB(x, y) & 0xffffff);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("imageTypes")
    void anyImageTypeEditsLikeItsOpaqueRgbEquivalent(String name, int type) {
        Video clip = Clips.discClip(3, 32, 32);
        List<BufferedImage> frames = asType(clip, type, 5);
        BufferedImage edited = asType(Video.of(List.of(Clips.recolouredFirst(clip))), type, 6).get(0);
        List<BufferedImage> rgbFrames = frames.stream().map(ImageInputHandlingTest::opaque).toList();
        try (VideoEditor editor = Videoshop.editor(model, FAST)) {
            List<BufferedImage> got = editor.edit(frames, edited);
            List<BufferedImage> want = editor.edit(rgbFrames, opaque(edited));
            assertEquals(want.size(), got.size());
            for (int i = 0; i < want.size(); i++) {
                assertEquals(BufferedImage.TYPE_INT_RGB, got.get(i).getType(), "results are opaque RGB");
                assertArrayEquals(want.get(i).getRGB(0, 0, 32, 32, null, 0, 32),
                        got.get(i).getRGB(0, 0, 32, 32, null, 0, 32), name + ": frame " + i);
            }
        }
    }

    @Test
    void transparentPixelsKeepTheirStoredColour() {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 0x00ff8000);
        img.setRGB(1, 0, 0x80123456);
        float[] d = Images.toFrame(img).data();
        assertEquals(1f, d[0]);
        assertEquals(0x80 / 255f, d[2]);
        assertEquals(0x12 / 255f, d[1]);
    }

    /**
     * Why bundles should declare {@code video.sizeMultiple}: a copy of random-tiny whose manifest does not, so 34x34
     * (a multiple of its downscale 2, latent 17x17, which its UNet cannot halve twice and restore) passes validation
     * and ONNX Runtime fails at the first UNet call, after the VAE ran. The error still names the network, and the
     * model stays usable.
     */
    @Test
    void anUndeclaredSizeLimitFailsInsideOnnxRuntimeNamingTheUnet(@TempDir java.nio.file.Path tmp) {
        java.nio.file.Path b = TestBundles.copy(TestBundles.RANDOM_TINY, tmp);
        com.fasterxml.jackson.databind.node.ObjectNode m = TestBundles.manifest(b);
        ((com.fasterxml.jackson.databind.node.ObjectNode) m.get("video")).remove("sizeMultiple");
        TestBundles.write(b, m);
        try (OnnxModel undeclared = OnnxModel.open(b); VideoEditor editor = Videoshop.editor(undeclared, FAST)) {
            Video odd = Clips.discClip(2, 34, 34);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> editor.edit(odd, odd.frame(0)));
            assertTrue(e.getMessage().contains("Expected network unet") && e.getMessage().contains("ONNX Runtime "
                    + "failed"), e.getMessage());
            Video ok = Clips.discClip(2, 32, 32);
            assertEquals(2, editor.edit(ok, ok.frame(0)).video().frames());
        }
    }
}
