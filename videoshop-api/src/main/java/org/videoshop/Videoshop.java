package org.videoshop;

import java.awt.image.BufferedImage;
import java.util.List;
import org.videoshop.model.VideoshopModel;

/**
 * The entry point. {@code Videoshop.edit(frames, editedFirst)} propagates an edit of a video's first frame to
 * every frame with the default model (the bundled tiny model when videoshop-onnx is on the classpath) and
 * default options. For repeated edits, or another model or options, make a {@link VideoEditor}:
 *
 * <pre>{@code
 * try (VideoshopModel model = VideoshopModel.open(Path.of("models/svd"));
 *      VideoEditor editor = Videoshop.editor(model, VideoshopOptions.builder().seed(7).build())) {
 *     List<BufferedImage> out = editor.edit(frames, editedFirst);
 * }
 * }</pre>
 */
public final class Videoshop {

    private Videoshop() {
    }

    /**
     * Edits with the default model and options; opens and closes the model on each call. Returns new images at
     * the input's size, owned by the caller.
     *
     * @throws IllegalStateException when no model provider is on the classpath (add videoshop-onnx)
     */
    public static List<BufferedImage> edit(List<BufferedImage> frames, BufferedImage editedFirst) {
        try (VideoEditor editor = open()) {
            return editor.edit(frames, editedFirst);
        }
    }

    /** An editor over the default model with default options; it owns and closes the model. */
    public static VideoEditor open() {
        return open(VideoshopOptions.defaults());
    }

    /** An editor over the default model with these options; it owns and closes the model. */
    public static VideoEditor open(VideoshopOptions options) {
        VideoshopModel model = VideoshopModel.openDefault();
        try {
            return new VideoEditor(model, options, true);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** An editor over a model the caller owns (and closes after the editor). */
    public static VideoEditor editor(VideoshopModel model, VideoshopOptions options) {
        return new VideoEditor(model, options, false);
    }
}
