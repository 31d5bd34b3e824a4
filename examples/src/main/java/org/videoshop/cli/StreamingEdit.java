package org.videoshop.cli;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.videoshop.CancellationToken;
import org.videoshop.FrameSink;
import org.videoshop.FrameSource;
import org.videoshop.ProgressListener;
import org.videoshop.Stage;
import org.videoshop.VideoEditor;
import org.videoshop.tensor.Mask;

/**
 * Runs an edit from a {@link FrameSource} into a {@link FrameSink} with one overall progress signal. Until the
 * library's streaming edit is available this holds the clip in memory: frames are read, edited as a list and
 * handed to the sink, and the overall units (frames read, model steps, frames written) are counted here.
 */
final class StreamingEdit {

    private StreamingEdit() {
    }

    /** Edits {@code source} into {@code sink}; {@code mask} (null for none) has the source's size. */
    static void run(VideoEditor editor, FrameSource source, BufferedImage editedFirst, FrameSource mask,
                    int feather, FrameSink sink, OverallProgress bar, CancellationToken token) {
        int n = source.frameCount();
        int windows = editor.plan(n).count();
        int steps = editor.options().steps();
        long perWindow = 3L + 2L * steps + 2L;
        long total = 2L * n + windows * perWindow;
        long[] done = {0};
        int[] window = {0};
        bar.onOverall(0, windows, 0, total);
        List<BufferedImage> frames = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (token != null) {
                token.check(Stage.ENCODE, i); // Stage.READ once the library has it
            }
            frames.add(source.read());
            bar.onOverall(0, windows, ++done[0], total);
        }
        Mask m = null;
        if (mask != null) {
            List<BufferedImage> masks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                masks.add(mask.read());
            }
            m = Mask.of(masks).withFeather(feather);
        }
        long modelEnd = n + windows * perWindow;
        ProgressListener model = (stage, step, stepTotal) -> {
            bar.onProgress(stage, step, stepTotal);
            if (stage == Stage.ENCODE && step == 0 && done[0] > n) {
                window[0] = Math.min(windows - 1, window[0] + 1);
            }
            if (step > 0 && done[0] < modelEnd) {
                bar.onOverall(window[0], windows, ++done[0], total);
            }
        };
        List<BufferedImage> edited = editor.edit(frames, editedFirst, m, model, token);
        done[0] = modelEnd;
        for (int i = 0; i < edited.size(); i++) {
            sink.write(i, edited.get(i));
            bar.onOverall(windows - 1, windows, ++done[0], total);
        }
    }
}
