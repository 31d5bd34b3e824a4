package org.videoshop.onnx.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.CancellationToken;
import org.videoshop.EditCancelledException;
import org.videoshop.ListFrames;
import org.videoshop.Inverted;
import org.videoshop.ProgressListener;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.model.VideoshopModel;
import org.videoshop.Windows;
import org.videoshop.tensor.Images;

/**
 * Inversion and editing from an inversion, streamed, on the real ONNX random-tiny bundle (windows of 8): the
 * inversion reads a window's frames only when it inverts that window and hands each window to the file as it is
 * made; the file equals the one saved from memory byte for byte; the edit read back window by window equals the
 * edit of the inversion held in memory, frame for frame; a source that is not the clip inverted is refused naming
 * the frame; an unfinished or cancelled inversion leaves no file.
 */
class StreamedInversionTest {

    private static final VideoshopOptions OPTIONS = VideoshopOptions.builder().steps(4).strength(0.5).seed(5).build();
    private static final int FRAMES = 20;
    private static VideoshopModel model;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() throws URISyntaxException {
        model = VideoshopModel.open(Path.of(StreamedInversionTest.class.getClassLoader()
                .getResource("bundles/random-tiny").toURI()));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** Frames of a gradient and a moving square, 48x40 (not the model's 32x32: resized to the working size). */
    static List<BufferedImage> clip(int frames, int shift) {
        List<BufferedImage> out = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            BufferedImage img = new BufferedImage(48, 40, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 40; y++) {
                for (int x = 0; x < 48; x++) {
                    boolean square = Math.abs(x - 10 - t - shift) < 6 && Math.abs(y - 20) < 6;
                    img.setRGB(x, y, square ? 0xE02828 : ((x * 5) << 16) | ((y * 6) << 8) | 0x60);
                }
            }
            out.add(img);
        }
        return out;
    }

    static BufferedImage recoloured(BufferedImage first) {
        BufferedImage e = Images.rgbImage(Images.rgb(first), first.getWidth(), first.getHeight());
        for (int y = 14; y < 26; y++) {
            for (int x = 4; x < 16; x++) {
                e.setRGB(x, y, 0x28E0E0);
            }
        }
        return e;
    }

    @Test
    void streamedInversionEqualsTheSavedOneAndEditsAlike() throws Exception {
        List<BufferedImage> frames = clip(FRAMES, 0);
        BufferedImage edited = recoloured(frames.get(0));
        Path streamed = dir.resolve("streamed.inv");
        Path saved = dir.resolve("saved.inv");
        try (VideoEditor editor = Videoshop.editor(model, OPTIONS)) {
            Windows plan = editor.plan(FRAMES);
            assertTrue(plan.count() >= 3, "several windows: " + plan);
            ListFrames source = new ListFrames(frames);
            List<Integer> readWhenWritten = new ArrayList<>();
            try (InversionWriter writer = InversionFiles.writer(streamed)) {
                editor.invert(source, (p, k, clip) -> {
                    readWhenWritten.add(source.framesRead());
                    writer.write(p, k, clip);
                }, ProgressListener.NONE, null);
                writer.finish();
            }
            for (int k = 0; k < plan.count(); k++) {
                assertEquals(Math.min(plan.end(k), FRAMES), readWhenWritten.get(k),
                        "window " + k + " is handed over once its own frames are read, before later ones");
            }
            Inverted inMemory = editor.invert(frames, ProgressListener.NONE, null);
            InversionFiles.save(inMemory, saved);
            assertArrayEquals(Files.readAllBytes(saved), Files.readAllBytes(streamed), "the same file");

            List<BufferedImage> expected = inMemory.edit(edited);
            List<BufferedImage> out = new ArrayList<>();
            ListFrames again = new ListFrames(frames);
            try (InversionReader reader = InversionFiles.open(streamed, editor)) {
                editor.edit(reader, again, edited, null, 0, (i, f) -> {
                    assertEquals(out.size(), i, "frames in order");
                    out.add(f);
                }, ProgressListener.NONE, null);
            }
            assertEquals(FRAMES, out.size());
            for (int i = 0; i < FRAMES; i++) {
                assertArrayEquals(Images.rgb(expected.get(i)), Images.rgb(out.get(i)), "frame " + i);
            }
        }
    }

    @Test
    void anotherSourceIsRefusedNamingTheFrameAndUnfinishedFilesLeaveNothing() throws Exception {
        Path file = dir.resolve("clip.inv");
        List<BufferedImage> frames = clip(FRAMES, 0);
        try (VideoEditor editor = Videoshop.editor(model, OPTIONS)) {
            try (InversionWriter writer = InversionFiles.writer(file)) {
                editor.invert(new ListFrames(frames), writer, ProgressListener.NONE, null);
                writer.finish();
            }
            List<BufferedImage> other = clip(FRAMES, 0);
            other.set(13, clip(FRAMES, 9).get(13)); // one frame in the third window differs
            try (InversionReader reader = InversionFiles.open(file, editor)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> editor.edit(reader, new ListFrames(other), recoloured(other.get(0)), null, 0, (i, f) -> { },
                                ProgressListener.NONE, null));
                assertTrue(e.getMessage().startsWith("Expected the images the clip was inverted from but frame 13"
                        + " differs"), e.getMessage());
            }
            try (InversionReader reader = InversionFiles.open(file, editor)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> editor.edit(reader, new ListFrames(frames.subList(0, 12)), frames.get(0), null, 0,
                                (i, f) -> { }, ProgressListener.NONE, null));
                assertTrue(e.getMessage().startsWith("Expected the " + FRAMES + " frames the clip was inverted"
                        + " from"), e.getMessage());
            }

            Path unfinished = dir.resolve("sub/unfinished.inv");
            try (InversionWriter writer = InversionFiles.writer(unfinished)) {
                CancellationToken token = new CancellationToken();
                assertThrows(EditCancelledException.class, () -> editor.invert(new ListFrames(frames),
                        (p, k, clip) -> {
                            writer.write(p, k, clip);
                            token.cancel(); // after the first window
                        }, ProgressListener.NONE, token));
            }
            try (Stream<Path> s = Files.list(dir.resolve("sub"))) {
                assertEquals(List.of(), s.toList(), "a cancelled inversion leaves no file");
            }
        }
    }
}
