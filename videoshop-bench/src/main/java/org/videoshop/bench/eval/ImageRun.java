package org.videoshop.bench.eval;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.model.VideoshopModel;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Images;
import org.videoshop.tensor.Video;

/**
 * Edits a clip as a user's frames are edited: as 8-bit images of their own size through
 * {@link VideoEditor#edit(List, BufferedImage)}, which picks the working size and output mode from the options, and
 * back. Stateless.
 */
final class ImageRun {

    private ImageRun() {
    }

    /** The edited clip at the source's size, on the 8-bit grid. The model is borrowed, not closed. */
    static Video run(VideoshopModel model, VideoshopOptions options, Video source, Frame editedFirst) {
        List<BufferedImage> frames = new ArrayList<>(source.frames());
        for (int t = 0; t < source.frames(); t++) {
            frames.add(Images.toImage(source.frame(t)));
        }
        List<BufferedImage> out;
        try (VideoEditor editor = Videoshop.editor(model, options)) {
            out = editor.edit(frames, Images.toImage(editedFirst));
        }
        List<Frame> edited = new ArrayList<>(out.size());
        for (BufferedImage img : out) {
            edited.add(Images.toFrame(img));
        }
        return Video.of(edited);
    }
}
