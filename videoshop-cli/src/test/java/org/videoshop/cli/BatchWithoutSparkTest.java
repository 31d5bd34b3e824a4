package org.videoshop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code videoshop batch} where Spark is absent (as in videoshop.jar): one line saying what to run instead. */
class BatchWithoutSparkTest {

    @Test
    void saysSparkIsNeededAndHowToRunIt(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("clips"));
        Files.write(dir.resolve("clips/a.mp4"), new byte[] {1, 2, 3});
        Files.createDirectories(dir.resolve("firsts"));
        StringWriter err = new StringWriter();
        CommandLine cl = VideoshopCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute("batch", "--input", dir.resolve("clips").toString(), "--edited-first",
                dir.resolve("firsts").toString(), "--output", dir.resolve("out").toString());
        assertEquals(VideoshopCli.EXIT_FAILURE, status, err.toString());
        assertTrue(err.toString().contains("Expected Apache Spark and videoshop-spark on the classpath for 'batch'")
                && err.toString().contains("docs/spark.md"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(Files.notExists(dir.resolve("out")), "nothing written");
    }

    @Test
    void anInputThatIsNotAFolderIsAUsageError(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cl = VideoshopCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute("batch", "--input", dir.resolve("nope").toString(), "--edited-first",
                dir.toString(), "--output", dir.resolve("out").toString());
        assertEquals(VideoshopCli.EXIT_USAGE, status, err.toString());
        assertTrue(err.toString().contains("Expected --input to be a folder of clips but found nothing"),
                err.toString());
    }
}
