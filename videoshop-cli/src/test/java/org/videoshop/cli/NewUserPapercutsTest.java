package org.videoshop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.LibraryVersion;
import org.videoshop.cli.video.Clip;
import org.videoshop.cli.video.VideoIO;

/** What a new user of the command line ran into, each fixed: the exit status and the one line they see. */
class NewUserPapercutsTest {

    @TempDir
    static Path dir;

    private static Path in;
    private static Path edited;

    @BeforeAll
    static void inputs() throws IOException {
        in = dir.resolve("in_frames");
        List<BufferedImage> frames = TestClips.movingDisc(4, 32, 32);
        VideoIO.write(Clip.of(frames), in, 7);
        edited = dir.resolve("edited.png");
        ImageIO.write(frames.get(0), "png", edited.toFile());
    }

    @Test
    void everySubcommandPrintsTheVersion() {
        for (String command : List.of("edit", "invert", "first-frame", "demo", "info", "evaluate")) {
            Cli.Run r = Cli.run(command, "-V");
            assertEquals(0, r.exit(), r::toString);
            assertTrue(r.out().startsWith("videoshop " + LibraryVersion.get()), command + ": " + r);
        }
    }

    @Test
    void aWindowTooSmallNamesTheFlag() {
        Cli.Run r = Cli.edit(in, edited, dir.resolve("w1"), "--window", "1");
        assertEquals(VideoshopCli.EXIT_USAGE, r.exit(), r::toString);
        assertEquals(List.of("videoshop edit: Expected --window of at least 2 frames but found 1 (see 'videoshop edit"
                + " --help')"), r.errLines());
    }

    @Test
    void anOverlapNotBelowTheModelsWindowIsAUsageError() {
        // random-tiny's native frame count is 8, the window when --window is not given
        Cli.Run r = Cli.edit(in, edited, dir.resolve("o8"), "--overlap", "8");
        assertEquals(VideoshopCli.EXIT_USAGE, r.exit(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.errLines().get(0).startsWith("videoshop edit: Expected --overlap below the window of 8 frames"),
                r::toString);
        assertTrue(r.errLines().get(0).endsWith("but found 8 (see 'videoshop edit --help')"), r::toString);
        assertFalse(Files.exists(dir.resolve("o8")));

        Cli.Run explicit = Cli.edit(in, edited, dir.resolve("o4"), "--window", "4", "--overlap", "4");
        assertEquals(VideoshopCli.EXIT_USAGE, explicit.exit(), explicit::toString);
        assertTrue(explicit.err().contains("Expected --overlap below --window (4) but found 4"), explicit::toString);
    }

    @Test
    void aMissingModelFolderIsNamedAsMissing() {
        Path missing = dir.resolve("no-such-model");
        Cli.Run r = Cli.run("edit", "-i", in.toString(), "-e", edited.toString(), "-o",
                dir.resolve("m").toString(), "--model", missing.toString(), "--quiet");
        assertEquals(VideoshopCli.EXIT_FAILURE, r.exit(), r::toString);
        assertEquals(List.of("videoshop edit: Expected a model bundle folder at " + missing.toAbsolutePath()
                + " but it is missing (and it is not a built-in model's name: tiny)"), r.errLines());
    }

    @Test
    void ffmpegErrorsCarryNoAdviceToProgrammers() throws IOException {
        Path garbage = dir.resolve("garbage.mp4");
        Files.write(garbage, "not a video".getBytes(StandardCharsets.US_ASCII));
        Cli.Run r = Cli.edit(garbage, edited, dir.resolve("g.mp4"));
        assertEquals(VideoshopCli.EXIT_FAILURE, r.exit(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        String line = r.errLines().get(0);
        assertTrue(line.startsWith("videoshop edit: Expected a video FFmpeg can decode at "), line);
        assertFalse(line.contains("FFmpegLogCallback"), line);
        assertFalse(line.contains("setFormat()"), line);
    }

    @Test
    void theQuickStartsOutputIsIgnoredByGit() throws IOException {
        List<String> ignored = Files.readAllLines(Path.of("..", ".gitignore"));
        assertTrue(ignored.contains("demo-out/"), "README's quick start writes demo-out/: " + ignored);
    }
}
