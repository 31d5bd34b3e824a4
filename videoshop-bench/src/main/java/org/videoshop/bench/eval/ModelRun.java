package org.videoshop.bench.eval;

import java.util.ArrayList;
import java.util.List;
import org.videoshop.EditInputs;
import org.videoshop.EditResult;
import org.videoshop.VideoshopOptions;
import org.videoshop.kernel.Backends;
import org.videoshop.kernel.LatentKernels;
import org.videoshop.model.VideoshopModel;
import org.videoshop.pipeline.EditPipeline;
import org.videoshop.pipeline.InvertedClip;
import org.videoshop.pipeline.StepContext;
import org.videoshop.pipeline.Windows;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Video;

/**
 * Runs one model method on a clip exactly as {@link org.videoshop.VideoEditor#edit(Video, Frame)} does (the same
 * windows, the same stitching), but through {@link EditPipeline#invert} and {@link EditPipeline#edit} so that a
 * {@link Trajectory} observes every inversion step and x0 is known.
 *
 * @param video        the edited clip at the model's resolution
 * @param straightness the inversion trajectory's straightness (windows averaged; minimum over windows)
 * @param windows      windows the clip was edited in
 */
public record ModelRun(Video video, Trajectory.Straightness straightness, int windows) {

    /** Edits {@code source} with {@code editedFirst} under {@code options}. */
    public static ModelRun run(VideoshopModel model, VideoshopOptions options, Video source, Frame editedFirst) {
        EditInputs.check(source, editedFirst, model.spec(), options);
        LatentKernels kernels = options.backend() == null ? Backends.kernels() : Backends.kernels(options.backend());
        EditPipeline pipeline = new EditPipeline(model, kernels, options);
        Windows plan = Windows.plan(source.frames(), options.windowFrames(model.spec()), options.windowOverlap());
        List<Trajectory.Straightness> parts = new ArrayList<>();
        EditResult r = plan.run(editedFirst, (k, condition) -> {
            Video part = plan.window(source, k);
            Trajectory trajectory = new Trajectory();
            InvertedClip inverted = pipeline.invert(part, new StepContext(null, null, trajectory));
            List<float[]> t = inverted.trajectory();
            parts.add(trajectory.straightness(t.get(t.size() - 1)));
            return pipeline.edit(inverted, condition, null, StepContext.silent());
        });
        return new ModelRun(r.video(), combine(parts), plan.count());
    }

    private static Trajectory.Straightness combine(List<Trajectory.Straightness> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return new Trajectory.Straightness(
                EvaluationReport.mean(parts.stream().mapToDouble(Trajectory.Straightness::adjacentMean).toArray()),
                parts.stream().mapToDouble(Trajectory.Straightness::adjacentMin).min().orElse(Double.NaN),
                EvaluationReport.mean(parts.stream().mapToDouble(Trajectory.Straightness::allPairsMean).toArray()),
                parts.get(0).steps());
    }
}
