package org.videoshop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.cli.video.Clip;
import org.videoshop.cli.video.VideoIO;

/**
 * Outputs that cannot be written fail before any frame is decoded and before the model is opened, with one line
 * naming the cause, and leave nothing. The runs name a model that does not exist: had the output not been checked
 * first, the error would be about the model. Tests run as root, which passes every permission test, so the
 * refusing places are real ones: sysfs (creating a file there is refused), a device, a link to a device, a file
 * where a folder is needed, and a small tmpfs where mounting is allowed.
 */
class OutputFailureTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path in;
    private static Path edited;

    @BeforeAll
    static void inputs() throws IOException {
        List<BufferedImage> frames = TestClips.movingDisc(4, 32, 32);
        in = shared.resolve("in.mp4");
        VideoIO.write(new Clip(frames, 7.0), in, 7);
        edited = shared.resolve("edited.png");
        ImageIO.write(frames.get(0), "png", edited.toFile());
    }

    private static Cli.Run edit(Path output) {
        return Cli.run("edit", "-i", in.toString(), "-e", edited.toString(), "-o", output.toString(), "-m",
                shared.resolve("no-such-model").toString(), "--quiet");
    }

    private static void assertOneLine(Cli.Run run, String... expected) {
        assertEquals(VideoshopCli.EXIT_FAILURE, run.exit(), run::toString);
        assertEquals(1, run.errLines().size(), run::toString);
        for (String e : expected) {
            assertTrue(run.err().contains(e), "expected '" + e + "' in: " + run);
        }
        assertFalse(run.err().contains("model bundle"), "checked before the model: " + run);
        assertFalse(run.err().contains("H.264"), run::toString);
    }

    private static void assertNothingIn(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith(".videoshop")
                    || p.getFileName().toString().endsWith(".part") || p.getFileName().toString().startsWith("out"))
                    .toList(), "nothing left in " + folder);
        }
    }

    @Test
    void aFolderThatRefusesFilesIsNamedWithTheCause() throws IOException {
        Path sys = Path.of("/sys");
        Assumptions.assumeTrue(Files.isDirectory(sys), "needs sysfs");
        Cli.Run run = edit(sys.resolve("out.mp4"));
        assertOneLine(run, "Could not write /sys/out.mp4", "Permission denied");
        assertFalse(Files.exists(sys.resolve("out.mp4")));
    }

    @Test
    void aDeviceIsRefused() {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/full")));
        assertOneLine(edit(Path.of("/dev/full")), "Could not write /dev/full", "device");
    }

    @Test
    void aLinkToADeviceIsRefusedAndKept() throws IOException {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/full")));
        Path link = Files.createSymbolicLink(dir.resolve("full.mp4"), Path.of("/dev/full"));
        assertOneLine(edit(link), "link to the device /dev/full");
        assertTrue(Files.isSymbolicLink(link), "the link is left as it was");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(link), s.toList());
        }
    }

    @Test
    void aFileWhereAFolderIsNeededIsNamed() throws IOException {
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file");
        assertOneLine(edit(blocker.resolve("sub/out.gif")), "blocker is a file, not a folder");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(blocker), s.toList());
        }
    }

    @Test
    void aFullDiskIsFoundBeforeWorkAndWhileWriting() throws Exception {
        Path mnt = Files.createDirectory(dir.resolve("small"));
        Assumptions.assumeTrue(mount(mnt, "48k"), "needs permission to mount a tmpfs");
        try {
            // Before work: the rough estimate of the MP4 does not fit in what is left of the 48 KB.
            Files.write(mnt.resolve("filler"), new byte[40 * 1024]);
            Cli.Run run = edit(mnt.resolve("out.mp4"));
            assertOneLine(run, "Could not write " + mnt.resolve("out.mp4"), "No space left on device");
            Files.delete(mnt.resolve("filler"));
            assertNothingIn(mnt);
            // While writing: a PNG folder bigger than the tmpfs.
            List<BufferedImage> big = TestClips.movingDisc(2, 400, 400);
            java.util.Random noise = new java.util.Random(7); // noise does not compress
            for (BufferedImage f : big) {
                for (int y = 0; y < 400; y++) {
                    for (int x = 0; x < 400; x++) {
                        f.setRGB(x, y, noise.nextInt(1 << 24));
                    }
                }
            }
            IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> VideoIO.write(Clip.of(big), mnt.resolve("out_frames"), 7));
            assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
            assertNothingIn(mnt);
        } finally {
            new ProcessBuilder("umount", mnt.toString()).inheritIO().start().waitFor();
        }
    }

    private static boolean mount(Path at, String size) {
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
