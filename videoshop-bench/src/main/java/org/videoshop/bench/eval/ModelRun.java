package org.videoshop.bench.eval;

import java.util.ArrayList;
import java.util.List;
import org.videoshop.EditResult;
import org.videoshop.LatentObserver;
import org.videoshop.OutputMode;
import org.videoshop.ProgressListener;
import org.videoshop.Stage;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.model.VideoshopModel;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Video;

/**
 * Runs one model method on a clip through {@link VideoEditor#edit(Video, Frame, org.videoshop.tensor.Mask,
 * ProgressListener, org.videoshop.CancellationToken, LatentObserver)}, the editor's own windows and stitching,
 * with a {@link Trajectory} per window watching its inversion.
 *
 * @param video        the edited clip at the model's resolution
 * @param straightness the inversion trajectory's straightness (windows averaged; minimum over windows)
 * @param windows      windows the clip was edited in
 */
public record ModelRun(Video video, Trajectory.Straightness straightness, int windows) {

    /** Edits {@code source} with {@code editedFirst} under {@code options}. */
    public static ModelRun run(VideoshopModel model, VideoshopOptions options, Video source, Frame editedFirst) {
        PerWindow trajectories = new PerWindow();
        // the paper's ablation scores the model's own output (regenerate), whatever the options' output mode
        VideoshopOptions regenerate = options.toBuilder().outputMode(OutputMode.REGENERATE).build();
        try (VideoEditor editor = Videoshop.editor(model, regenerate)) { // the model stays open: the caller's
            EditResult r = editor.edit(source, editedFirst, null, ProgressListener.NONE, null, trajectories);
            List<Trajectory.Straightness> parts = new ArrayList<>();
            for (Trajectory t : trajectories.windows) {
                parts.add(t.straightness());
            }
            return new ModelRun(r.video(), combine(parts), editor.plan(source.frames()).count());
        }
    }

    /** A new {@link Trajectory} at each window's x0, fed that window's steps. */
    private static final class PerWindow implements LatentObserver {
        final List<Trajectory> windows = new ArrayList<>();

        @Override
        public void onSource(LatentShape shape, float[] x0) {
            Trajectory t = new Trajectory();
            t.onSource(shape, x0);
            windows.add(t);
        }

        @Override
        public void onStep(Stage stage, int step, double sigma, LatentShape shape, float[] x) {
            windows.get(windows.size() - 1).onStep(stage, step, sigma, shape, x);
        }
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
