package org.videoshop.onnx.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.Inverted;
import org.videoshop.ProgressListener;
import org.videoshop.Stage;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.model.VideoshopModel;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Images;
import org.videoshop.tensor.Video;

/** Save / load of inversions on the real ONNX random-tiny bundle: identical edits after a round trip. */
class InversionFilesTest {

    private static final VideoshopOptions OPTIONS = VideoshopOptions.builder().steps(6).strength(0.5).seed(3).build();
    private static VideoshopModel model;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() throws URISyntaxException {
        model = VideoshopModel.open(Path.of(InversionFilesTest.class.getClassLoader()
                .getResource("bundles/random-tiny").toURI()));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static Video clip(int frames) {
        int s = model.spec().width();
        float[] d = new float[frames * 3 * s * s];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (0.5 + 0.4 * Math.sin(i * 0.37 + (i / (3 * s * s)) * 0.5));
        }
        return new Video(frames, s, s, d);
    }

    private static Frame edit(Video v) {
        Frame f = v.frame(0);
        float[] d = f.data().clone();
        for (int i = 0; i < d.length / 3; i++) {
            d[i] = 1f - d[i];
        }
        return new Frame(f.height(), f.width(), d);
    }

    @Test
    void savedAndLoadedInversionGivesIdenticalEdits() throws Exception {
        Video v = clip(11);
        Path file = dir.resolve("clip.inv");
        try (VideoEditor editor = Videoshop.editor(model, OPTIONS)) {
            Inverted inverted = editor.invert(v, ProgressListener.NONE, null);
            assertTrue(inverted.windows().size() > 1, "11 frames need several windows of the native 8");
            InversionFiles.save(inverted, file);
            Inverted loaded = InversionFiles.load(file, editor);
            assertEquals(inverted.windows(), loaded.windows());
            float[] direct = inverted.edit(edit(v)).video().data();
            float[] again = loaded.edit(edit(v)).video().data();
            assertArrayEquals(direct, again);
            assertArrayEquals(editor.edit(v, edit(v)).video().data(), direct, "invert-once equals a full edit");
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void fileForOtherSettingsIsRefused() throws Exception {
        Path file = dir.resolve("a.inv");
        try (VideoEditor editor = Videoshop.editor(model, OPTIONS)) {
            InversionFiles.save(editor.invert(clip(4), ProgressListener.NONE, null), file);
        }
        try (VideoEditor other = Videoshop.editor(model, OPTIONS.toBuilder().seed(4).build())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> InversionFiles.load(file, other));
            assertTrue(e.getMessage().contains("expected an inversion made with these settings"), e.getMessage());
            assertTrue(e.getMessage().endsWith("made with seed=3 (expected 4)"), "names only what differs: "
                    + e.getMessage());
        }
    }

    @Test
    void damagedFilesAreRefusedWithAClearMessage() throws Exception {
        Path file = dir.resolve("b.inv");
        try (VideoEditor editor = Videoshop.editor(model, OPTIONS)) {
            InversionFiles.save(editor.invert(clip(4), ProgressListener.NONE, null), file);
            byte[] bytes = Files.readAllBytes(file);
            Path truncated = dir.resolve("truncated.inv");
            Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 10));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> InversionFiles.load(truncated, editor));
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            Path longer = dir.resolve("longer.inv");
            Files.write(longer, Arrays.copyOf(bytes, bytes.length + 3));
            assertThrows(IllegalArgumentException.class, () -> InversionFiles.load(longer, editor));
            Path notOne = dir.resolve("not.inv");
            Files.writeString(notOne, "hello, this is not an inversion file at all");
            IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
                    () -> InversionFiles.load(notOne, editor));
            assertTrue(m.getMessage().contains("VIDEOSHOP-INVERSION"), m.getMessage());
        }
    }

    @Test
    void theReconstructionSurvivesTheFileAndOldFormatsAreRefused() throws Exception {
        Video v = clip(6);
        List<BufferedImage> images = new ArrayList<>();
        for (int t = 0; t < v.frames(); t++) {
            images.add(Images.toImage(v.frame(t)));
        }
        BufferedImage edited = Images.toImage(edit(v));
        Path file = dir.resolve("detail.inv");
        int[] reconstructions = {0};
        ProgressListener count = (stage, step, total) -> {
            if (stage == Stage.RECONSTRUCT && step == 0) {
                reconstructions[0]++;
            }
        };
        try (VideoEditor editor = Videoshop.editor(model, OPTIONS)) {
            Inverted inverted = editor.invert(images, ProgressListener.NONE, null);
            InversionFiles.save(inverted, file);
            Inverted loaded = InversionFiles.load(file, editor);
            assertTrue(loaded.hasReconstruction(0), "the file keeps the reconstruction");
            assertEquals(inverted.windows(), loaded.windows());
            List<BufferedImage> again = loaded.withOriginals(images).edit(edited, null, count, null);
            assertEquals(0, reconstructions[0], "a loaded inversion needs no reconstruction");
            List<BufferedImage> direct = inverted.edit(edited);
            for (int t = 0; t < images.size(); t++) {
                assertArrayEquals(direct.get(t).getRGB(0, 0, 32, 32, null, 0, 32),
                        again.get(t).getRGB(0, 0, 32, 32, null, 0, 32), "frame " + t);
            }
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            Path old = dir.resolve("old.inv");
            Files.write(old, text.replace("{\"format\":" + InversionFiles.FORMAT + ",", "{\"format\":1,")
                    .getBytes(StandardCharsets.ISO_8859_1));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> InversionFiles.load(old, editor));
            assertTrue(e.getMessage().contains("expected inversion format 3 to " + InversionFiles.FORMAT + " but found 1")
                    && e.getMessage().contains("invert the clip again"), e.getMessage());
        }
    }
}
