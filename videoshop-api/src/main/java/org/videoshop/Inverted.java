package org.videoshop;

import java.awt.image.BufferedImage;
import java.util.List;
import org.videoshop.pipeline.InvertedClip;
import org.videoshop.pipeline.Windows;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Mask;

/**
 * A clip inverted once by {@link VideoEditor#invert}, ready for any number of edits that each cost only the
 * generation half. Holds the inversion of each window (see {@link #windows()}, e.g. to save them) and, when made
 * from images, the original images for compositing at their size. Immutable; valid while its editor is open.
 */
public final class Inverted {

    private final VideoEditor editor;
    private final Windows plan;
    private final List<InvertedClip> windows;
    private final List<BufferedImage> originals;

    Inverted(VideoEditor editor, Windows plan, List<InvertedClip> windows, List<BufferedImage> originals) {
        if (windows == null || windows.size() != plan.count()) {
            throw new IllegalArgumentException("Expected " + plan.count() + " inverted windows but found "
                    + (windows == null ? "null" : windows.size()));
        }
        String model = editor.model().spec().name();
        String version = editor.model().spec().version();
        for (InvertedClip w : windows) {
            if (!w.modelName().equals(model) || !w.modelVersion().equals(version)) {
                throw new IllegalArgumentException("Expected an inversion made with model " + model + " " + version
                        + " but found " + w.modelName() + " " + w.modelVersion());
            }
            if (!w.options().equals(editor.options())) {
                throw new IllegalArgumentException("Expected an inversion made with the editor's options "
                        + editor.options() + " but found " + w.options());
            }
        }
        this.editor = editor;
        this.plan = plan;
        this.windows = List.copyOf(windows);
        this.originals = originals;
    }

    /** The window plan: where each window starts. */
    public Windows plan() {
        return plan;
    }

    /** Each window's inversion (one for clips within the model's window). */
    public List<InvertedClip> windows() {
        return windows;
    }

    /** Frames in the clip. */
    public int frames() {
        return plan.frames();
    }

    /** Edits at the model's resolution; returns the clip with its provenance. */
    public EditResult edit(Frame editedFirst) {
        return edit(editedFirst, null, ProgressListener.NONE, null);
    }

    /** Edits at the model's resolution with an optional mask, progress and cancellation. */
    public EditResult edit(Frame editedFirst, Mask mask, ProgressListener progress, CancellationToken token) {
        Frame first = windows.get(0).source().frame(0);
        if (editedFirst == null || editedFirst.width() != first.width() || editedFirst.height() != first.height()) {
            throw new IllegalArgumentException("Expected an edited first frame of " + first.width() + "x"
                    + first.height() + " but found " + (editedFirst == null ? "null"
                    : editedFirst.width() + "x" + editedFirst.height()));
        }
        EditInputs.checkMask(mask, frames(), first.width(), first.height());
        return editor.generate(plan, windows, editedFirst, mask, progress, token);
    }

    /** Edits with an image at the original frames' size; only for clips inverted from images. */
    public List<BufferedImage> edit(BufferedImage editedFirst) {
        return edit(editedFirst, null, ProgressListener.NONE, null);
    }

    /** As {@link #edit(BufferedImage)} with an optional mask at the original size, progress and cancellation. */
    public List<BufferedImage> edit(BufferedImage editedFirst, Mask mask, ProgressListener progress,
                                    CancellationToken token) {
        if (originals == null) {
            throw new IllegalStateException("Expected a clip inverted from images but this one was inverted from raw"
                    + " frames or loaded from storage; use edit(Frame)");
        }
        EditInputs.check(originals, editedFirst, editor.model().spec());
        EditInputs.checkMask(mask, originals.size(), originals.get(0).getWidth(), originals.get(0).getHeight());
        EditResult r = editor.generate(plan, windows, editor.toModelSize(editedFirst), editor.modelSizeMask(mask),
                progress, token);
        return editor.toImages(originals, r.video(), mask);
    }
}
