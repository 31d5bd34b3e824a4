package org.videoshop.cli.serve;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.videoshop.EditCancelledException;
import org.videoshop.EditedImages;
import org.videoshop.Provenance;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.cli.video.Clip;
import org.videoshop.cli.video.PngFolder;
import org.videoshop.cli.video.VideoIO;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;
import org.videoshop.tensor.Mask;

/**
 * Runs one job on the shared model (an editor per job, since each job has its own options; the model is not
 * closed by it) and writes its frames and its chosen output into the job's folder; makes the other downloads on
 * demand.
 */
final class JobRunner implements Consumer<Job> {

    /** The kinds of download a finished job offers. */
    static final Set<String> OUTPUTS = Set.of("mp4", "gif", "png");

    private final VideoshopModel model;

    /** {@code model} stays owned by the caller. */
    JobRunner(VideoshopModel model) {
        this.model = model;
    }

    @Override
    public void accept(Job job) {
        if (job.token().isCancelled()) {
            job.cancelled("stopped before it started");
            return;
        }
        try (VideoEditor editor = Videoshop.editor(model, job.options())) {
            job.started(editor.plan(job.video().count()).count());
            List<BufferedImage> frames = PngFolder.read(job.video().frames(), 0).frames();
            Mask mask = job.mask() == null ? null : Mask.of(job.mask()).withFeather(Mask.DEFAULT_FEATHER);
            EditedImages result = editor.editImages(frames, job.editedFirst(), mask, job.listener(), job.token());
            List<BufferedImage> edited = result.frames();
            PngFolder.write(Clip.of(edited), framesOf(job));
            download(job, job.format());
            job.done(edited.size(), provenance(result.provenance(), model.spec()));
        } catch (EditCancelledException e) {
            job.cancelled("stopped during " + e.stage().name().toLowerCase(Locale.ROOT) + " at step " + e.step());
        } catch (IOException | RuntimeException e) {
            job.failed("Expected the edit to finish but it failed: " + message(e));
        }
    }

    /**
     * What produced a result, as the page shows it: library, model, backend, the settings that decide the frames
     * (the schedule and normalisation by provider name; guidance and Sigma as used), the noise levels walked, the
     * working size and the time taken; whether the latents were normalised as {@code spec} resolves it. An
     * unmodifiable map in a stable order.
     */
    static Map<String, Object> provenance(Provenance p, ModelSpec spec) {
        VideoshopOptions o = p.options();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("libraryVersion", p.libraryVersion());
        m.put("model", p.modelName());
        m.put("modelVersion", p.modelVersion());
        m.put("backend", p.backend());
        m.put("sigmaSpacing", o.sigmaSpacing());
        m.put("normalization", o.normalization());
        m.put("normalize", o.normalize(spec));
        m.put("strength", o.strength());
        m.put("steps", o.steps());
        m.put("seed", o.seed());
        m.put("inversion", o.inversionMode().name().toLowerCase(Locale.ROOT));
        m.put("outputMode", o.outputMode().name().toLowerCase(Locale.ROOT));
        m.put("sigmaThreshold", o.sigmaThreshold());
        m.put("guidance", Arrays.asList(o.guidanceMin(), o.guidanceMax()));
        m.put("sigmas", p.sigmas());
        m.put("workingSize", p.width() + "x" + p.height());
        m.put("seconds", p.totalNanos() / 1e9);
        return Collections.unmodifiableMap(m);
    }

    /** The folder of the job's result frames. */
    static Path framesOf(Job job) {
        return job.folder().resolve("frames");
    }

    /** The result as an MP4, a GIF or a zip of PNG frames, made on first request. */
    static Path download(Job job, String kind) throws IOException {
        if (!OUTPUTS.contains(kind)) {
            throw HttpError.notFound("Expected a download of mp4, gif or png but found '" + Ids.shorten(kind) + "'");
        }
        synchronized (job) {
            Path file = job.folder().resolve(fileName(kind));
            if (Files.isRegularFile(file)) {
                return file;
            }
            Path frames = framesOf(job);
            if (kind.equals("png")) {
                zip(frames, file);
            } else {
                Clip clip = new Clip(PngFolder.read(frames, 0).frames(), job.video().fpsOrDefault());
                VideoIO.write(clip, file, job.video().fpsOrDefault());
            }
            return file;
        }
    }

    /** The name a download has in the job's folder and in the browser. */
    static String fileName(String kind) {
        return kind.equals("png") ? "edited-frames.zip" : "edited." + kind;
    }

    private static void zip(Path frames, Path file) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Path f : PngFolder.frameFiles(frames)) {
                zip.putNextEntry(new ZipEntry(f.getFileName().toString()));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file);
    }

    /** The exception's message on one line, with server paths replaced by {@code <file>}. */
    static String message(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return m.replaceAll("(/[^\\s:'\"]+)+", "<file>").replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
