package org.videoshop.cli;

import java.awt.image.BufferedImage;
import org.videoshop.CancellationToken;
import org.videoshop.FrameSink;
import org.videoshop.FrameSource;
import org.videoshop.Provenance;
import org.videoshop.VideoEditor;

/**
 * Runs a streaming edit from a {@link FrameSource} into a {@link FrameSink}: the library reads, edits and writes
 * window by window, so the memory the command holds does not grow with the clip's length; the one progress bar
 * follows the library's overall signal (frames read, every model step, frames written).
 */
final class StreamingEdit {

    private StreamingEdit() {
    }

    /** Edits {@code source} into {@code sink}; {@code mask} (null for none) has the source's size. */
    static Provenance run(VideoEditor editor, FrameSource source, BufferedImage editedFirst, FrameSource mask,
                          int feather, FrameSink sink, OverallProgress bar, CancellationToken token) {
        return editor.edit(source, editedFirst, mask, feather, sink, bar, token);
    }
}
