package org.videoshop.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.videoshop.CancellationToken;
import org.videoshop.EditCancelledException;
import org.videoshop.EditedImages;
import org.videoshop.LibraryVersion;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.cli.MaskFiles;
import org.videoshop.cli.video.Clip;
import org.videoshop.cli.video.PngFolder;
import org.videoshop.cli.video.VideoIO;
import org.videoshop.cli.video.VideoKind;
import org.videoshop.kernel.Backends;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;
import org.videoshop.tensor.Mask;

/**
 * Edits one row on an executor: skips it when its output exists with matching provenance, else copies the inputs
 * to local files, decodes them, edits with the executor's shared model, encodes to a local file, and publishes the
 * output and then its sidecar atomically. Any failure of the row (missing file, undecodable video, bad value, a
 * failed write) becomes a failed result row with a one-line reason and leaves no output behind; only a killed task
 * (interrupted, or Spark's kill) is rethrown, after the same cleanup.
 */
final class ClipTask implements Function<Row, Row> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ClipTask.class);

    private final JobSettings settings;
    private final HadoopConf conf;
    private final JobCounters counters;

    ClipTask(JobSettings settings, HadoopConf conf, JobCounters counters) {
        this.settings = settings;
        this.conf = conf;
        this.counters = counters;
    }

    @Override
    public Row call(Row row) {
        return edit(row).toRow();
    }

    ClipResult edit(Row row) {
        long start = System.nanoTime();
        String[] named = JobRow.sourceAndOutput(row);
        try {
            ClipResult r = run(JobRow.of(row), start);
            if (r.status().equals(ClipResult.OK)) {
                counters.edited().add(1);
                counters.frames().add(r.frames());
            } else {
                counters.skipped().add(1);
            }
            LOG.info("videoshop clip {}: {} -> {} ({} frames, {} s)", r.status(), r.source(), r.output(), r.frames(),
                    String.format("%.2f", r.seconds()));
            return r;
        } catch (EditCancelledException e) {
            throw e; // the task was killed: Spark reschedules or ends it
        } catch (Exception | LinkageError e) {
            if (killed()) {
                throw new EditCancelledException("Task killed while editing " + named[0], null, 0);
            }
            counters.failed().add(1);
            String reason = oneLine(e);
            LOG.warn("videoshop clip failed: {} -> {}: {}", named[0], named[1], reason);
            return new ClipResult(named[0], named[1], ClipResult.FAILED, reason, 0, seconds(start), null);
        }
    }

    private ClipResult run(JobRow job, long start) throws IOException {
        HadoopFiles files = new HadoopFiles(conf.get());
        VideoshopOptions options = settings.options(job);
        ModelSpec spec = ExecutorModels.spec(settings.model(), conf.get());
        Path source = HadoopFiles.path(job.source());
        Path edited = HadoopFiles.path(job.editedFirst());
        Path mask = job.mask() == null ? null : HadoopFiles.path(job.mask());
        Path output = HadoopFiles.path(job.output());
        VideoKind.ofOutput(java.nio.file.Path.of(output.getName())); // a bad output name fails before any work
        Path sidecar = new Path(output.getParent(), output.getName() + ProvenanceJson.SIDECAR_SUFFIX);

        ObjectNode key = key(files, spec, options, source, edited, mask, output);
        if (job.onExisting() == ExistingOutput.RESUME && files.exists(output)) {
            JsonNode done = ProvenanceJson.parseSidecar(files.readText(sidecar));
            // compared as text: a number read back may be an int node where the new key holds a long
            if (done != null && ProvenanceJson.write(done.get("key")).equals(ProvenanceJson.write(key))) {
                return new ClipResult(job.source(), job.output(), ClipResult.SKIPPED, null,
                        done.path("frames").asInt(), seconds(start), ProvenanceJson.write(done.get("provenance")));
            }
        }
        java.nio.file.Path work = Files.createTempDirectory("videoshop-clip-");
        try {
            Clip clip = VideoIO.read(files.local(source, work.resolve("in")));
            BufferedImage first = PngFolder.readImage(files.local(edited, work.resolve("first")));
            Mask m = mask == null ? null : MaskFiles.read(files.local(mask, work.resolve("mask")), clip.size(),
                    clip.width(), clip.height(), settings.feather());
            VideoshopModel model = ExecutorModels.model(settings.model(), settings.ortThreads(), conf.get(),
                    () -> counters.modelsOpened().add(1));
            EditedImages result;
            try (VideoEditor editor = Videoshop.editor(model, options)) {
                CancellationToken token = new CancellationToken();
                result = editor.editImages(clip.frames(), first, m, (stage, step, total) -> {
                    if (killed()) {
                        token.cancel();
                    }
                }, token);
            }
            java.nio.file.Path local = work.resolve("out").resolve(output.getName());
            Files.createDirectories(local.getParent());
            VideoIO.write(clip.withFrames(result.frames()), local, Clip.DEFAULT_FPS);
            ObjectNode provenance = ProvenanceJson.of(result.provenance());
            files.delete(sidecar); // the old output's record goes first: a crash below leaves an output to redo
            files.publish(local, output);
            files.publish(ProvenanceJson.sidecar(key, result.frames().size(), provenance), sidecar);
            return new ClipResult(job.source(), job.output(), ClipResult.OK, null, result.frames().size(),
                    seconds(start), ProvenanceJson.write(provenance));
        } finally {
            deleteTree(work);
        }
    }

    /** What must match for an existing output to count as this row's: model, code, settings and inputs. */
    private ObjectNode key(HadoopFiles files, ModelSpec spec, VideoshopOptions options, Path source, Path edited,
                           Path mask, Path output) throws IOException {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("library", LibraryVersion.get());
        k.put("model", Map.of("ref", settings.model(), "name", spec.name(), "version", spec.version()));
        k.put("backend", options.backend() != null ? options.backend() : Backends.defaultName());
        k.put("options", OptionsCodec.toMap(options.resolvedFor(spec)));
        k.put("feather", mask == null ? null : settings.feather());
        k.put("source", files.fingerprint(JobTable.SOURCE, source));
        k.put("edited_first", files.fingerprint(JobTable.EDITED_FIRST, edited));
        k.put("mask", mask == null ? null : files.fingerprint(JobTable.MASK, mask));
        k.put("output", output.toString());
        return (ObjectNode) ProvenanceJson.tree(k);
    }

    private static boolean killed() {
        TaskContext ctx = TaskContext.get();
        return Thread.currentThread().isInterrupted() || ctx != null && ctx.isInterrupted();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** The exception's message on one line (its type when it has none), prefixed by its type for I/O errors. */
    static String oneLine(Throwable e) {
        String msg = e.getMessage();
        if (msg == null || msg.isBlank()) {
            Throwable cause = e.getCause();
            return cause != null && cause != e ? oneLine(cause) : e.getClass().getSimpleName();
        }
        return msg.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static void deleteTree(java.nio.file.Path dir) {
        try (Stream<java.nio.file.Path> walk = Files.walk(dir)) {
            for (java.nio.file.Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a local temporary folder: best effort
        }
    }
}
