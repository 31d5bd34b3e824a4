package org.videoshop.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.util.List;
import org.videoshop.CancellationToken;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.kernel.Backends;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs one edit for a command: validates the settings (a bad value is a usage error), opens the model, shows
 * progress.
 */
final class Editing {

    /** What an edit returned and what ran it. */
    record Outcome(List<BufferedImage> frames, String model, String backend, ModelSpec spec, long nanos) {
    }

    private Editing() {
    }

    /** Validates the settings before anything is read, so a bad flag fails fast as a usage error. */
    static VideoshopOptions options(CommandSpec spec, EditSettings settings) {
        try {
            VideoshopOptions options = settings.toOptions();
            if (options.backend() != null) {
                Backends.kernels(options.backend()); // an unknown or unavailable name fails here, before any work
            }
            return options;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    static Outcome run(VideoshopOptions options, String modelName, List<BufferedImage> frames,
                       BufferedImage editedFirst, CancellationToken token, OutputOptions output, PrintWriter err) {
        long start = System.nanoTime();
        try (VideoshopModel model = VideoshopModel.open(modelName);
             VideoEditor editor = Videoshop.editor(model, options);
             ProgressBars bars = ProgressBars.create(output.quiet(), err)) {
            if (output.verbose()) {
                err.printf("model %s (%s), %dx%d, %d native frames; backend %s%n", model.spec().name(),
                        model.spec().version(), model.spec().width(), model.spec().height(),
                        model.spec().nativeFrames(), editor.backend());
                err.flush();
            }
            List<BufferedImage> out = editor.edit(frames, editedFirst, bars, token);
            return new Outcome(out, model.spec().name(), editor.backend(), model.spec(), System.nanoTime() - start);
        }
    }
}
