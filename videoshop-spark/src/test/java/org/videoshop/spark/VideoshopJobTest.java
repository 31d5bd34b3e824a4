package org.videoshop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.cli.MaskFiles;
import org.videoshop.cli.video.Clip;
import org.videoshop.cli.video.PngFolder;
import org.videoshop.cli.video.VideoIO;
import org.videoshop.model.VideoshopModel;
import org.videoshop.onnx.ModelBundle;
import org.videoshop.onnx.OnnxModel;
import org.videoshop.onnx.OnnxModelProvider;
import org.videoshop.onnx.OnnxOptions;

/**
 * The job on local[2] with the real bundled tiny model: six clips (two broken) give four edited videos equal to
 * the same edits made with VideoEditor directly and two failed rows; a rerun does no work; a write that breaks or a
 * task killed mid-write leaves nothing at the output; the model is opened once per executor.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VideoshopJobTest {

    private static final Color RED = new Color(220, 40, 40);
    private static final Color YELLOW = new Color(230, 210, 30);
    /** Job defaults: 10 steps keep the tiny model's edits cheap. */
    private static final VideoshopOptions DEFAULTS = VideoshopOptions.builder().steps(10).seed(11).build();

    private SparkSession spark;
    private Path dir;
    private Path out;
    private Path csv;
    private final List<JobRow> rows = new ArrayList<>();
    private JobReport first;

    @BeforeAll
    void setUp() throws IOException {
        ExecutorModels.closeAll(); // count this class's opens from zero
        spark = Fixtures.spark();
        dir = Files.createTempDirectory("videoshop-job-test");
        out = dir.resolve("out");
        Path in = Files.createDirectories(dir.resolve("in"));
        List<BufferedImage> a = Fixtures.clip(RED, 0);
        List<BufferedImage> b = Fixtures.clip(RED, 4);
        List<BufferedImage> c = Fixtures.clip(RED, 8);
        List<BufferedImage> d = Fixtures.clip(RED, 2);
        Fixtures.write(a, in.resolve("a.mp4"));
        Fixtures.write(b, in.resolve("b.gif"));
        Fixtures.write(c, in.resolve("c")); // a folder of PNG frames
        Fixtures.write(d, in.resolve("d.mp4"));
        Files.write(in.resolve("broken.mp4"), "this is not a video, only bytes named like one".getBytes());
        String mask = Fixtures.writeImage(Fixtures.leftHalfMask(), in.resolve("d-mask.png")).toString();
        List<List<BufferedImage>> clips = List.of(a, b, c, d, a, a);
        String[] names = {"a.mp4", "b.gif", "c", "d.mp4", "missing.mp4", "broken.mp4"};
        String[] outputs = {"a", "b.gif", "c.mp4", "d", "e.mp4", "f.mp4"};
        for (int i = 0; i < names.length; i++) {
            String stem = outputs[i].replaceAll("\\..*", "");
            // the edit is made on the decoded source, as a user would edit the output of 'first-frame'
            Path src = in.resolve(names[i]);
            BufferedImage firstFrame = Files.exists(src) && !names[i].startsWith("broken")
                    ? VideoIO.firstFrame(src) : clips.get(i).get(0);
            String edited = Fixtures.writeImage(Fixtures.recolour(List.of(firstFrame), nearest(firstFrame), YELLOW),
                    in.resolve(stem + "-first.png")).toString();
            rows.add(new JobRow(src.toString(), edited, i == 3 ? mask : null, out.resolve(outputs[i]).toString(),
                    i == 2 ? 0.5 : null, i == 1 ? 7L : null, i == 2 ? 6 : null,
                    i == 2 ? org.videoshop.OutputMode.REGENERATE : null, null));
        }
        csv = dir.resolve("jobs.csv");
        writeCsv(rows, csv);
    }

    @AfterAll
    void tearDown() throws IOException {
        Fixtures.deleteTree(dir);
    }

    @Test
    @Order(1)
    void sixClipsGiveFourEditsEqualToVideoEditorAndTwoFailedRows() throws IOException {
        int openedBefore = ExecutorModels.opened();
        first = VideoshopJob.run(spark, csv.toUri().toString(), null, settings());

        assertEquals(6, first.results().size(), first.summary());
        assertEquals(4, first.edited(), first.summary());
        assertEquals(2, first.failed(), first.summary());
        assertEquals(4L * Fixtures.FRAMES, first.frames());
        assertEquals(1, first.modelsOpened(), "one model for the one executor JVM of local[2], not one per row");
        assertEquals(openedBefore + 1, ExecutorModels.opened());

        try (VideoshopModel model = OnnxModel.open(ModelBundle.readResource(OnnxModelProvider.TINY_RESOURCE,
                OnnxModelProvider.class.getClassLoader()), OnnxOptions.builder().intraOpThreads(1).build())) {
            for (int i = 0; i < 4; i++) {
                ClipResult r = first.results().get(i);
                assertEquals(ClipResult.OK, r.status(), r.toString());
                assertEquals(rows.get(i).output(), r.output());
                assertEquals(Fixtures.FRAMES, r.frames());
                assertTrue(r.provenance().contains("\"modelName\":\"tiny\""), r.provenance());
                assertTrue(r.provenance().contains(i == 2 ? "\"outputMode\":\"REGENERATE\"" : "\"outputMode\":\"DETAIL\""),
                        r.provenance());
                assertTrue(Files.exists(Path.of(r.output() + ProvenanceJson.SIDECAR_SUFFIX)));
                List<BufferedImage> direct = directEdit(model, rows.get(i));
                assertTrue(Fixtures.samePixels(encoded(direct, rows.get(i).output()),
                        VideoIO.read(Path.of(r.output())).frames()), "row " + i + " differs from VideoEditor's edit");
            }
        }
        ClipResult missing = first.results().get(4);
        assertEquals(ClipResult.FAILED, missing.status());
        assertTrue(missing.reason().contains("Expected the source video (column source) at")
                && missing.reason().contains("missing.mp4") && missing.reason().contains("found nothing there"),
                missing.reason());
        ClipResult broken = first.results().get(5);
        assertEquals(ClipResult.FAILED, broken.status());
        assertTrue(broken.reason().contains("Expected a video FFmpeg can decode") && broken.reason().contains(
                "broken.mp4"), broken.reason());
        for (ClipResult f : List.of(missing, broken)) {
            assertFalse(f.reason().contains("\n"));
            assertNull(f.provenance());
            assertFalse(Files.exists(Path.of(f.output())), "a failed row leaves no output");
        }
        assertEquals(List.of(), Fixtures.partFiles(dir));
    }

    @Test
    @Order(2)
    void rerunFromCsvJsonOrParquetDoesNoWork() throws IOException {
        Map<Path, FileTime> times = new java.util.HashMap<>();
        for (int i = 0; i < 4; i++) {
            Path p = Path.of(rows.get(i).output());
            times.put(p, Files.getLastModifiedTime(p));
        }
        Dataset<Row> table = JobTable.read(spark, csv.toString(), null);
        String json = dir.resolve("jobs.json").toString();
        String parquet = dir.resolve("jobs.parquet").toString();
        table.write().mode(SaveMode.Overwrite).json(json);
        table.write().mode(SaveMode.Overwrite).parquet(parquet);
        for (String uri : List.of(csv.toString(), json, parquet)) {
            JobReport again = VideoshopJob.run(spark, uri, null, settings());
            assertEquals(0, again.edited(), uri + ": " + again.summary());
            assertEquals(0, again.frames());
            assertEquals(0, again.modelsOpened());
            assertEquals(4, again.skipped());
            assertEquals(2, again.failed());
            for (int i = 0; i < 4; i++) {
                ClipResult r = again.results().get(i);
                assertEquals(ClipResult.SKIPPED, r.status(), r.toString());
                assertEquals(Fixtures.FRAMES, r.frames());
                assertEquals(first.results().get(i).provenance(), r.provenance(), "the recorded provenance");
            }
        }
        for (Map.Entry<Path, FileTime> e : times.entrySet()) {
            assertEquals(e.getValue(), Files.getLastModifiedTime(e.getKey()), "untouched: " + e.getKey());
        }
    }

    @Test
    @Order(3)
    void aChangedSettingOrInputEditsThatRowAgain() throws IOException {
        List<JobRow> changed = new ArrayList<>(rows.subList(0, 4));
        JobRow b = changed.get(1);
        changed.set(1, new JobRow(b.source(), b.editedFirst(), b.mask(), b.output(), b.strength(), 8L, b.steps(),
                b.outputMode(), b.onExisting()));
        JobReport r = VideoshopJob.run(spark, JobTable.of(spark, changed), settings(), "changed seed");
        assertEquals(1, r.edited(), r.summary());
        assertEquals(3, r.skipped(), r.summary());
        assertEquals(ClipResult.OK, r.results().get(1).status());
        assertTrue(r.results().get(1).provenance().contains("\"seed\":8"), r.results().get(1).provenance());
    }

    @Test
    @Order(4)
    void inputsOnAnotherFileSystemAreCopiedToLocalFilesAndGiveTheSameEdit() throws IOException {
        spark.sparkContext().hadoopConfiguration().set("fs.faulty.impl", FaultyFileSystem.class.getName());
        JobRow a = rows.get(0); // reads through faulty: are plain reads; they take the copy-to-local route
        Path copy = out.resolve("a-from-faulty");
        JobReport r = VideoshopJob.run(spark, JobTable.of(spark, List.of(new JobRow("faulty://" + a.source(),
                "faulty://" + a.editedFirst(), null, copy.toString(), null, null, null, null, null))), settings(),
                "inputs on faulty:");
        assertEquals(1, r.edited(), r.summary());
        assertTrue(Fixtures.samePixels(VideoIO.read(Path.of(a.output())).frames(), VideoIO.read(copy).frames()));
    }

    @Test
    @Order(5)
    void aWriteThatBreaksMidwayLeavesNoOutputAndKeepsTheOldOne() throws IOException {
        spark.sparkContext().hadoopConfiguration().set("fs.faulty.impl", FaultyFileSystem.class.getName());
        FaultyFileSystem.mode = FaultyFileSystem.Mode.FAIL;
        Path fresh = out.resolve("fresh.mp4");
        Path old = Path.of(rows.get(0).output()); // an earlier output, a PNG folder: overwriting it must fail whole
        List<BufferedImage> before = VideoIO.read(old).frames();
        JobRow a = rows.get(0);
        List<JobRow> two = List.of(
                new JobRow(a.source(), a.editedFirst(), null, "faulty://" + fresh, null, null, null, null,
                        null),
                new JobRow(a.source(), a.editedFirst(), null, "faulty://" + old, null, 99L, null, null,
                        ExistingOutput.OVERWRITE));
        JobReport r = VideoshopJob.run(spark, JobTable.of(spark, two), settings(), "faulty writes");

        assertEquals(2, r.failed(), r.summary());
        for (ClipResult c : r.results()) {
            assertTrue(c.reason().contains("No space left on device"), c.reason());
        }
        assertFalse(Files.exists(fresh), "no partial output");
        assertFalse(Files.exists(Path.of(fresh + ProvenanceJson.SIDECAR_SUFFIX)), "no sidecar");
        assertTrue(Fixtures.samePixels(before, VideoIO.read(old).frames()), "the old output is intact");
        assertEquals(List.of(), Fixtures.partFiles(dir), "no temporary file left");
    }

    @Test
    @Order(6)
    void aTaskKilledMidWriteLeavesNoOutput() throws Exception {
        spark.sparkContext().hadoopConfiguration().set("fs.faulty.impl", FaultyFileSystem.class.getName());
        FaultyFileSystem.mode = FaultyFileSystem.Mode.HANG;
        FaultyFileSystem.reachedBreak = new java.util.concurrent.CountDownLatch(1);
        Path target = out.resolve("killed.mp4");
        JobRow a = rows.get(0);
        Dataset<Row> table = JobTable.of(spark, List.of(
                new JobRow(a.source(), a.editedFirst(), null, "faulty://" + target, null, null, null, null,
                        null)));
        Thread job = new Thread(() -> {
            spark.sparkContext().setJobGroup("kill-test", "a job to kill", true);
            try {
                VideoshopJob.run(spark, table, settings(), "to be killed");
            } catch (RuntimeException expected) {
                // the cancelled job fails on the driver
            }
        });
        job.start();
        assertTrue(FaultyFileSystem.reachedBreak.await(60, java.util.concurrent.TimeUnit.SECONDS),
                "the write reached its break point");
        spark.sparkContext().cancelJobGroup("kill-test");
        job.join(60_000);
        assertFalse(job.isAlive());
        // the killed task cleans up on its own thread: wait for its temporary copy to go (bounded)
        for (int i = 0; i < 200 && !Fixtures.partFiles(dir).isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertFalse(Files.exists(target), "no partial output");
        assertEquals(List.of(), Fixtures.partFiles(dir), "no temporary file left");
        FaultyFileSystem.mode = FaultyFileSystem.Mode.FAIL;
    }

    @Test
    @Order(7)
    void aTableWithoutARequiredColumnFailsBeforeAnyWork() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "source,edited_first\n/a.mp4,/a.png\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VideoshopJob.run(spark, bad.toString(), null, settings()));
        assertTrue(e.getMessage().contains("Expected job table columns [source, edited_first, output]")
                && e.getMessage().contains("missing [output]"), e.getMessage());
    }

    private static JobSettings settings() {
        return JobSettings.of("tiny", DEFAULTS);
    }

    /** The same edit made with VideoEditor directly, on the same decoded inputs. */
    private static List<BufferedImage> directEdit(VideoshopModel model, JobRow row) throws IOException {
        Clip clip = VideoIO.read(Path.of(row.source()));
        BufferedImage first = PngFolder.readImage(Path.of(row.editedFirst()));
        var mask = row.mask() == null ? null : MaskFiles.read(Path.of(row.mask()), clip.size(), clip.width(),
                clip.height(), settings().feather());
        try (VideoEditor editor = Videoshop.editor(model, settings().options(row))) {
            return editor.edit(clip.frames(), first, mask, null, null);
        }
    }

    /** The frames as they read back after being written in the kind {@code output} names. */
    private List<BufferedImage> encoded(List<BufferedImage> frames, String output) throws IOException {
        Path p = dir.resolve("direct").resolve(Path.of(output).getFileName());
        Fixtures.deleteTree(p);
        Files.createDirectories(p.getParent());
        VideoIO.write(Clip.of(frames), p, Clip.DEFAULT_FPS);
        return VideoIO.read(p).frames();
    }

    /** The colour of the disc in a decoded frame: the pixel at the disc's start position. */
    private static Color nearest(BufferedImage frame) {
        return new Color(frame.getRGB(6, Fixtures.SIZE / 2));
    }

    private static void writeCsv(List<JobRow> rows, Path file) throws IOException {
        StringBuilder sb = new StringBuilder(
                "source,edited_first,mask,output,strength,seed,steps,output_mode,on_existing\n");
        for (JobRow r : rows) {
            sb.append(String.join(",", r.source(), r.editedFirst(), r.mask() == null ? "" : r.mask(), r.output(),
                    r.strength() == null ? "" : r.strength().toString(), r.seed() == null ? "" : r.seed().toString(),
                    r.steps() == null ? "" : r.steps().toString(),
                    r.outputMode() == null ? "" : r.outputMode().name().toLowerCase(java.util.Locale.ROOT), ""))
                    .append('\n');
        }
        Files.writeString(file, sb);
    }
}
