package org.videoshop.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import org.videoshop.CancellationToken;
import org.videoshop.FrameSink;
import org.videoshop.FrameSource;
import org.videoshop.Provenance;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;
import org.videoshop.Windows;
import org.videoshop.tensor.Mask;

/** Runs one edit (or inversion) for a command: opens the model and an editor, shows progress. */
final class Editing {

    /** What an edit returned and what ran it: the frames, the model, the backend and the window plan. */
    record Outcome(List<BufferedImage> frames, String model, String backend, ModelSpec spec, Windows plan,
                   long nanos, String workingSize) {

        Outcome(List<BufferedImage> frames, String model, String backend, ModelSpec spec, Windows plan, long nanos) {
            this(frames, model, backend, spec, plan, nanos, "");
        }

        /** " in 4 windows of 8 frames" for windowed clips, " at working size 64x36" when known. */
        String windowsNote() {
            String windows = plan.count() == 1 ? "" : " in " + plan.count() + " windows of " + plan.size() + " frames";
            return windows + (workingSize.isEmpty() ? "" : " at working size " + workingSize);
        }
    }

    /** Work done with an open editor, reporting to {@code progress}. */
    @FunctionalInterface
    interface Work<T> {
        T apply(VideoEditor editor, OverallProgress progress) throws IOException;
    }

    private Editing() {
    }

    /** Opens the model and an editor, runs {@code work} with one progress bar on {@code err}, closes them. */
    static <T> T withEditor(VideoshopOptions options, String modelName, OutputOptions output, PrintWriter err,
                            Work<T> work) throws IOException {
        try (VideoshopModel model = openChecked(modelName, options);
             VideoEditor editor = Videoshop.editor(model, options);
             OverallProgress bars = OverallProgress.create(output.quiet(), err, "edit")) {
            if (output.verbose()) {
                err.printf("model %s (%s), %dx%d, %d native frames; backend %s%n", model.spec().name(),
                        model.spec().version(), model.spec().width(), model.spec().height(),
                        model.spec().nativeFrames(), editor.backend());
                err.flush();
            }
            return work.apply(editor, bars);
        }
    }

    /** Opens the model and checks that the options fit it (closing it when they do not). */
    private static VideoshopModel openChecked(String modelName, VideoshopOptions options) {
        VideoshopModel model = VideoshopModel.open(modelName);
        try {
            EditSettings.checkAgainst(options, model.spec());
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Edits {@code source} into {@code sink} frame by frame (optionally limited to {@code mask}, a source of the
     * same size), with one overall progress bar; {@code frames} of the outcome is empty.
     */
    static Outcome stream(VideoshopOptions options, String modelName, FrameSource source, BufferedImage editedFirst,
                          FrameSource mask, int feather, FrameSink sink, CancellationToken token,
                          OutputOptions output, PrintWriter err) throws IOException {
        long start = System.nanoTime();
        return withEditor(options, modelName, output, err, (editor, bars) -> {
            Provenance p = StreamingEdit.run(editor, source, editedFirst, mask, feather, sink, bars, token);
            ModelSpec spec = editor.model().spec();
            return new Outcome(List.of(), spec.name(), editor.backend(), spec, editor.plan(source.frameCount()),
                    System.nanoTime() - start, p.width() + "x" + p.height());
        });
    }

    /** Edits {@code frames} (optionally limited to {@code mask}, at their size). */
    static Outcome run(VideoshopOptions options, String modelName, List<BufferedImage> frames,
                       BufferedImage editedFirst, Mask mask, CancellationToken token, OutputOptions output,
                       PrintWriter err) throws IOException {
        long start = System.nanoTime();
        return withEditor(options, modelName, output, err, (editor, bars) -> {
            List<BufferedImage> out = editor.edit(frames, editedFirst, mask, bars, token);
            ModelSpec spec = editor.model().spec();
            return new Outcome(out, spec.name(), editor.backend(), spec, editor.plan(frames.size()),
                    System.nanoTime() - start);
        });
    }
}
