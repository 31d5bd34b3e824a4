package org.videoshop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.videoshop.cli.VideoshopCli;
import org.videoshop.cli.video.VideoIO;
import picocli.CommandLine;

/** {@code videoshop batch} with videoshop-spark and Spark on the classpath: a folder of clips on local[2]. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchCommandTest {

    private SparkSession spark;
    private Path dir;

    @BeforeAll
    void setUp() throws IOException {
        spark = Fixtures.spark();
        dir = Files.createTempDirectory("videoshop-batch-test");
        Path in = Files.createDirectories(dir.resolve("clips"));
        Path firsts = Files.createDirectories(dir.resolve("firsts"));
        Color red = new Color(220, 40, 40);
        List<BufferedImage> a = Fixtures.clip(red, 0);
        List<BufferedImage> b = Fixtures.clip(red, 6);
        Fixtures.write(a, in.resolve("a.mp4"));
        Fixtures.write(b, in.resolve("b.gif"));
        Fixtures.write(b, in.resolve("c.mp4")); // no c.png: this clip fails, the others are edited
        Fixtures.writeImage(Fixtures.recolour(List.of(VideoIO.firstFrame(in.resolve("a.mp4"))),
                new Color(VideoIO.firstFrame(in.resolve("a.mp4")).getRGB(6, 16)), Color.YELLOW), firsts.resolve(
                "a.png"));
        Fixtures.writeImage(Fixtures.recolour(List.of(VideoIO.firstFrame(in.resolve("b.gif"))),
                new Color(VideoIO.firstFrame(in.resolve("b.gif")).getRGB(12, 16)), Color.YELLOW), firsts.resolve(
                "b.png"));
    }

    @AfterAll
    void tearDown() throws IOException {
        Fixtures.deleteTree(dir);
    }

    @Test
    void editsAFolderOfClipsAndARerunSkipsThem() {
        String[] args = {"batch", "--input", dir.resolve("clips").toString(), "--edited-first",
                dir.resolve("firsts").toString(), "--output", dir.resolve("edited").toString(), "--steps", "6",
                "--master", "local[2]", "--results", dir.resolve("results.json").toString()};
        Run first = run(args);
        assertEquals(VideoshopCli.EXIT_FAILURE, first.status, first.toString());
        assertTrue(first.err.contains("c.mp4") && first.err.contains("Expected the edited first frame (column "
                + "edited_first) at") && first.err.contains("c.png"), first.err);
        assertTrue(first.out.contains("3 clips: 2 edited, 0 skipped, 1 failed"), first.out);
        assertTrue(Files.isRegularFile(dir.resolve("edited/a.mp4")));
        assertTrue(Files.isRegularFile(dir.resolve("edited/b.mp4")));
        List<Row> results = spark.read().json(dir.resolve("results.json").toString()).collectAsList();
        assertEquals(3, results.size());

        Run again = run(args);
        assertTrue(again.out.contains("3 clips: 0 edited, 2 skipped, 1 failed"), again.out);
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = VideoshopCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    private record Run(int status, String out, String err) {
    }
}
