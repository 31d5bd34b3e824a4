package org.videoshop.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.videoshop.EditResult;
import org.videoshop.Inverted;
import org.videoshop.ProgressListener;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.model.VideoshopModel;
import org.videoshop.onnx.store.InversionFiles;
import org.videoshop.tensor.Images;
import org.videoshop.tensor.Mask;
import org.videoshop.tensor.Video;
import org.videoshop.testing.Clips;

/**
 * Beyond the paper through the Java API on a real ONNX model (the trained tiny model once it is on the classpath,
 * the random-tiny bundle until then): clips of 5, T and 3T+2 frames, and invert, save, load, edit at the images'
 * size with a mask giving exactly the direct edit's frames.
 */
class BeyondThePaperOnnxTest {

    private static final VideoshopOptions OPTIONS = VideoshopOptions.builder().steps(4).strength(0.5).seed(11).build();
    private static VideoshopModel model;
    private static int nativeFrames;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        boolean trained = TestBundles.resource(OnnxModelProvider.TINY_RESOURCE + "/videoshop-model.json") != null;
        model = trained ? VideoshopModel.open(OnnxModelProvider.TINY)
                : VideoshopModel.open(TestBundles.bundle(TestBundles.RANDOM_TINY));
        nativeFrames = model.spec().nativeFrames();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** Images of 48x40 (not the model's size), a square moving right. */
    private static List<BufferedImage> images(int frames) {
        Video v = Clips.discClip(frames, 40, 48);
        List<BufferedImage> out = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            out.add(Images.toImage(v.frame(i)));
        }
        return out;
    }

    private static BufferedImage editedFirst() {
        return Images.toImage(Clips.recolouredFirst(Clips.discClip(1, 40, 48)));
    }

    @ParameterizedTest(name = "{0} frames")
    @ValueSource(strings = {"5", "T", "3T+2"})
    void clipsOfAnyLengthComeBackWholeAndFinite(String length) {
        int frames = switch (length) {
            case "T" -> nativeFrames;
            case "3T+2" -> 3 * nativeFrames + 2;
            default -> Integer.parseInt(length);
        };
        try (VideoEditor editor = Videoshop.editor(model, OPTIONS)) {
            List<BufferedImage> out = editor.edit(images(frames), editedFirst());
            assertEquals(frames, out.size(), "frames");
            for (BufferedImage img : out) {
                assertEquals(48, img.getWidth(), "width");
                assertEquals(40, img.getHeight(), "height");
            }
            int s = model.spec().width();
            Video raw = Clips.discClip(frames, model.spec().height(), s);
            EditResult r = editor.edit(raw, Clips.recolouredFirst(raw));
            assertEquals(frames, r.video().frames(), "frames at the model's size");
            assertEquals(frames, r.provenance().frames(), "provenance counts the whole clip");
            for (float v : r.video().data()) {
                assertTrue(Float.isFinite(v), "finite output, found " + v);
            }
        }
    }

    @Test
    void invertSaveLoadEditWithAMaskIsTheDirectEditExactly() throws Exception {
        int frames = 3 * nativeFrames + 2;
        List<BufferedImage> source = images(frames);
        float[] weights = new float[40 * 48];
        for (int y = 8; y < 30; y++) {
            for (int x = 4; x < 30; x++) {
                weights[y * 48 + x] = 1f;
            }
        }
        Mask mask = new Mask(1, 40, 48, weights, 2);
        Path file = dir.resolve("clip.inv");
        try (VideoEditor editor = Videoshop.editor(model, OPTIONS)) {
            List<BufferedImage> direct = editor.edit(source, editedFirst(), mask, ProgressListener.NONE, null);
            InversionFiles.save(editor.invert(source, ProgressListener.NONE, null), file);
            Inverted loaded = InversionFiles.load(file, editor).withOriginals(source);
            List<BufferedImage> again = loaded.edit(editedFirst(), mask, ProgressListener.NONE, null);
            assertEquals(frames, again.size());
            for (int t = 0; t < frames; t++) {
                assertArrayEquals(direct.get(t).getRGB(0, 0, 48, 40, null, 0, 48),
                        again.get(t).getRGB(0, 0, 48, 40, null, 0, 48), "frame " + t);
                float[] soft = mask.feathered(t);
                int[] src = source.get(t).getRGB(0, 0, 48, 40, null, 0, 48);
                int[] out = again.get(t).getRGB(0, 0, 48, 40, null, 0, 48);
                for (int i = 0; i < soft.length; i++) {
                    if (soft[i] == 0f) {
                        assertEquals(src[i] & 0xffffff, out[i] & 0xffffff, "frame " + t + " pixel " + i);
                    }
                }
            }
            List<BufferedImage> other = images(frames);
            other.set(3, editedFirst());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> InversionFiles.load(file, editor).withOriginals(other));
            assertTrue(e.getMessage().startsWith("Expected the images the clip was inverted from but frame 3 differs"),
                    e.getMessage());
            IllegalStateException raw = assertThrows(IllegalStateException.class,
                    () -> InversionFiles.load(file, editor).edit(editedFirst()));
            assertTrue(raw.getMessage().contains("withOriginals(images)"), raw.getMessage());
        }
    }
}
