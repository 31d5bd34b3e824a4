package org.videoshop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.cli.video.Clip;
import org.videoshop.cli.video.VideoIO;

/**
 * A {@code videoshop edit} process stopped by SIGTERM (as Ctrl-C stops it) cancels its edit at the next step,
 * prints one line saying so, and leaves no output, no temporary file and no folder it created.
 */
class CancellationTest {

    @TempDir
    Path dir;

    @Test
    void terminatedEditLeavesNothingBehind() throws IOException, InterruptedException {
        Path in = dir.resolve("in");
        VideoIO.write(Clip.of(TestClips.movingDisc(8, 32, 32)), in, 7);
        Path edited = dir.resolve("edited.png");
        ImageIO.write(TestClips.frame(0, 8, 32, 32, java.awt.Color.YELLOW), "png", edited.toFile());
        Path out = dir.resolve("made/by/edit/out.mp4");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                VideoshopCli.class.getName(), "edit", "-i", in.toString(), "-e", edited.toString(), "-o",
                out.toString(), "-m", Cli.RANDOM_TINY.toAbsolutePath().toString(), "--steps", "1000", "--strength",
                "1").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        StringBuilder err = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(),
                StandardCharsets.UTF_8))) {
            int c;
            boolean signalled = false;
            while ((c = r.read()) != -1) {
                err.append((char) c);
                if (!signalled && err.indexOf("invert") >= 0) { // the bar names the stage in progress
                    p.toHandle().destroy(); // SIGTERM (runs the shutdown hooks); keeps stderr open
                    signalled = true;
                }
            }
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process ends");
        // 130: the command handled the signal and exited; a JVM crash (ONNX Runtime's environment released under
        // a running session by its own shutdown hook) ends with 134/135 and no message
        assertEquals(VideoshopCli.EXIT_CANCELLED, p.exitValue(), err::toString);
        List<String> lines = err.toString().lines().flatMap(l -> Stream.of(l.split("\r")))
                .filter(l -> !l.isBlank()).toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("videoshop edit: Edit cancelled during INVERT at step "), err::toString);
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("edited.png", "in"), s.map(f -> f.getFileName().toString()).sorted().toList(),
                    "no output, temporary file or created folder left");
        }
    }
}
