package org.videoshop.cli;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.videoshop.CancellationToken;
import org.videoshop.FrameSink;
import org.videoshop.FrameSource;
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
        bar.expect(editor.plan(n).count(), Editing.stepsPerWindow(editor.options(), 3), 2L * n);
        List<BufferedImage> frames = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (token != null) {
                token.check(Stage.ENCODE, i); // Stage.READ once the library has it
            }
            frames.add(source.read());
            bar.advance();
        }
        Mask m = null;
        if (mask != null) {
            List<BufferedImage> masks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                masks.add(mask.read());
            }
            m = Mask.of(masks).withFeather(feather);
        }
        List<BufferedImage> edited = editor.edit(frames, editedFirst, m, bar, token);
        for (int i = 0; i < edited.size(); i++) {
            sink.write(i, edited.get(i));
            bar.advance();
        }
    }
}
