package org.videoshop.cli.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.cli.TestClips;

/** Round trips through the real FFmpeg, ImageIO's GIF codec and PNG folders. */
class VideoIOTest {

    @TempDir
    Path dir;

    private final List<BufferedImage> frames = TestClips.movingDisc(8, 48, 40);

    @Test
    void pngFolderRoundTripIsExactAndOrdersNumerically() throws IOException {
        Path out = dir.resolve("frames");
        VideoIO.Written w = VideoIO.write(Clip.of(frames), out, 7);
        assertEquals(VideoKind.PNG_FOLDER, w.kind());
        Clip back = VideoIO.read(out);
        assertEquals(8, back.size());
        assertNull(back.fps(), "a PNG folder has no frame rate");
        for (int i = 0; i < 8; i++) {
            assertTrue(Frames.sameRgb(frames.get(i), back.frames().get(i)), "frame " + i);
        }
        // Unpadded numbers sort by value, not by name.
        Path loose = Files.createDirectory(dir.resolve("loose"));
        for (int i = 0; i < 12; i++) {
            ImageIO.write(TestClips.frame(i, 12, 16, 16, java.awt.Color.RED), "png", loose.resolve("f" + i + ".png")
                    .toFile());
        }
        Clip sorted = VideoIO.read(loose);
        for (int i = 0; i < 12; i++) {
            assertTrue(Frames.sameRgb(TestClips.frame(i, 12, 16, 16, java.awt.Color.RED), sorted.frames().get(i)));
        }
        assertEquals(3, VideoIO.read(loose, 3).size());
    }

    @Test
    void gifRoundTripKeepsFramesSizeAndRate() throws IOException {
        Path out = dir.resolve("clip.gif");
        VideoIO.write(new Clip(frames, 10.0), out, 7);
        Clip back = VideoIO.read(out);
        assertEquals(8, back.size());
        assertEquals(48, back.width());
        assertEquals(40, back.height());
        assertEquals(10.0, back.fps(), 1e-9);
        for (int i = 0; i < 8; i++) {
            // Few flat colours: the 256-colour palette holds them exactly except antialiasing-free edges.
            assertTrue(TestClips.meanAbsDiff(frames.get(i), back.frames().get(i)) < 1.0, "frame " + i);
        }
        // Frame 0 as composited equals ImageIO's plain decode of image 0.
        assertTrue(Frames.sameRgb(ImageIO.read(out.toFile()), back.frames().get(0)));
    }

    @Test
    void mp4RoundTripKeepsFrameCountOrderAndRate() throws IOException {
        Path out = dir.resolve("clip.mp4");
        VideoIO.Written w = VideoIO.write(new Clip(frames, 7.0), out, 7);
        assertTrue(Files.size(out) > 0);
        Clip back = VideoIO.read(out);
        assertEquals(8, back.size(), "written with " + w.codec());
        assertEquals(48, back.width());
        assertEquals(40, back.height());
        assertEquals(7.0, back.fps(), 1e-6);
        for (int i = 0; i < 8; i++) {
            // Lossy, but each decoded frame is closest to its own source frame: the order is exact.
            double own = TestClips.meanAbsDiff(frames.get(i), back.frames().get(i));
            assertTrue(own < 6, "frame " + i + " differs by " + own + " (" + w.codec() + ")");
            for (int j = 0; j < 8; j++) {
                if (j != i) {
                    assertTrue(own < TestClips.meanAbsDiff(frames.get(j), back.frames().get(i)), i + " vs " + j);
                }
            }
        }
        // The same first frame as JavaCV's own decode.
        assertTrue(Frames.sameRgb(JavacvDecode.firstFrame(out), VideoIO.firstFrame(out)));
    }

    @Test
    void oddSizesComeBackAtTheirOwnSize() throws IOException {
        Path out = dir.resolve("odd.mp4");
        VideoIO.Written w = VideoIO.write(new Clip(TestClips.movingDisc(3, 33, 21), 7.0), out, 7);
        assertEquals(33, w.width());
        try (var g = new org.bytedeco.javacv.FFmpegFrameGrabber(out.toFile())) {
            g.start();
            assertEquals(33, g.getImageWidth(), "as JavaCV decodes it (" + w.codec() + ")");
            assertEquals(21, g.getImageHeight());
            g.stop();
        }
        Clip back = VideoIO.read(out);
        assertEquals(3, back.size());
        assertEquals(33, back.width());
        assertEquals(21, back.height());
    }

    @Test
    void failuresNameWhatWasExpectedAndLeaveNothing() throws IOException {
        IOException missing = assertThrows(IOException.class, () -> VideoIO.read(dir.resolve("nope.mp4")));
        assertTrue(missing.getMessage().contains("Expected a video file"), missing.getMessage());
        Path notVideo = Files.writeString(dir.resolve("text.mp4"), "not a video");
        IOException bad = assertThrows(IOException.class, () -> VideoIO.read(notVideo));
        assertTrue(bad.getMessage().contains("FFmpeg can decode"), bad.getMessage());
        IllegalArgumentException png = assertThrows(IllegalArgumentException.class,
                () -> VideoIO.write(Clip.of(frames), dir.resolve("x.png"), 7));
        assertTrue(png.getMessage().contains("found x.png"), png.getMessage());
        // A folder holding other files is never replaced.
        Path busy = Files.createDirectory(dir.resolve("busy"));
        Files.writeString(busy.resolve("notes.txt"), "mine");
        assertThrows(IOException.class, () -> VideoIO.write(Clip.of(frames), busy, 7));
        assertTrue(Files.exists(busy.resolve("notes.txt")));
        // A failing writer leaves neither the temporary file nor the folders it created.
        Path nested = dir.resolve("a/b/out.mp4");
        assertThrows(IOException.class, () -> AtomicOutput.writeFile(nested, tmp -> {
            Files.writeString(tmp, "partial");
            throw new IOException("boom");
        }));
        assertFalse(Files.exists(dir.resolve("a")));
        try (var list = Files.list(dir)) {
            assertTrue(list.noneMatch(p -> p.getFileName().toString().startsWith(".")));
        }
    }

    @Test
    void outputsGetTheUsualPermissionsNotThoseOfATemporaryFile() throws IOException {
        Path reference = Files.writeString(dir.resolve("reference.txt"), "x");
        Path referenceDir = Files.createDirectory(dir.resolve("reference_dir"));
        Path mp4 = dir.resolve("clip.mp4");
        Path gif = dir.resolve("clip.gif");
        Path folder = dir.resolve("frames");
        VideoIO.write(Clip.of(frames), mp4, 7);
        VideoIO.write(Clip.of(frames), gif, 7);
        VideoIO.write(Clip.of(frames), folder, 7);
        var perms = Files.getPosixFilePermissions(reference);
        assertEquals(perms, Files.getPosixFilePermissions(mp4));
        assertEquals(perms, Files.getPosixFilePermissions(gif));
        assertEquals(perms, Files.getPosixFilePermissions(folder.resolve("frame_0000.png")));
        assertEquals(Files.getPosixFilePermissions(referenceDir), Files.getPosixFilePermissions(folder));
    }

    @Test
    void anExistingFrameFolderIsReplacedWhole() throws IOException {
        Path out = dir.resolve("frames");
        VideoIO.write(Clip.of(frames), out, 7);
        VideoIO.write(Clip.of(frames.subList(0, 3)), out, 7);
        assertEquals(3, VideoIO.read(out).size());
        try (var list = Files.list(dir)) {
            assertEquals(1, list.count(), "no temporary or old folder left beside the output");
        }
    }
}
