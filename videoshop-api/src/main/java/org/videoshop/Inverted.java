package org.videoshop;

import java.awt.image.BufferedImage;
import java.util.List;
import org.videoshop.model.ModelSpec;
import org.videoshop.pipeline.InvertedClip;
import org.videoshop.pipeline.Windows;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Mask;
import org.videoshop.tensor.Video;

/**
 * A clip inverted once by {@link VideoEditor#invert}, ready for any number of edits that each cost only the
 * generation half. Holds the inversion of each window (see {@link #windows()}, e.g. to save them) and, when made
 * from images, the original images for compositing at their size. Its windows must have been made with the
 * editor's model and settings, compared as {@link VideoshopOptions#resolvedFor resolved} for that model.
 * Immutable; valid while its editor is open.
 */
public final class Inverted {

    /** Largest pixel difference (in [0, 1]) tolerated by {@link #withOriginals} between images and source. */
    private static final float SAME_SOURCE_TOLERANCE = 1e-5f;

    private final VideoEditor editor;
    private final Windows plan;
    private final List<InvertedClip> windows;
    private final List<BufferedImage> originals;

    Inverted(VideoEditor editor, Windows plan, List<InvertedClip> windows, List<BufferedImage> originals) {
        if (windows == null || windows.size() != plan.count()) {
            throw new IllegalArgumentException("Expected " + plan.count() + " inverted windows but found "
                    + (windows == null ? "null" : windows.size()));
        }
        ModelSpec spec = editor.model().spec();
        String model = spec.name();
        String version = spec.version();
        // settings are compared as the model resolves them: an inversion made with guidance or Sigma left to the
        // model serves an edit that names the model's values explicitly, and vice versa (the same numbers run)
        VideoshopOptions expected = editor.options().resolvedFor(spec);
        for (InvertedClip w : windows) {
            if (!w.modelName().equals(model) || !w.modelVersion().equals(version)) {
                throw new IllegalArgumentException("Expected an inversion made with model " + model + " " + version
                        + " but found " + w.modelName() + " " + w.modelVersion());
            }
            VideoshopOptions found = w.options().resolvedFor(spec);
            if (!found.equals(expected)) {
                throw new IllegalArgumentException("Expected an inversion made with the editor's options "
                        + expected + " but found " + found + " (unset guidance and Sigma resolved for model "
                        + model + ")");
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

    /**
     * This inversion re-attached to the images it was made from (e.g. after loading it from a file), so that
     * {@link #edit(BufferedImage)} works at their size. The images, resized to the model's resolution, must equal
     * the inversion's source frames (up to float rounding).
     */
    public Inverted withOriginals(List<BufferedImage> images) {
        EditInputs.check(images, images == null || images.isEmpty() ? null : images.get(0), editor.model().spec());
        if (images.size() != frames()) {
            throw new IllegalArgumentException("Expected the " + frames() + " images the clip was inverted from but"
                    + " found " + images.size());
        }
        for (int k = 0; k < plan.count(); k++) {
            Video source = windows.get(k).source();
            for (int j = 0; j < source.frames() && plan.starts().get(k) + j < frames(); j++) {
                int t = plan.starts().get(k) + j;
                float[] a = source.frame(j).data();
                float[] b = editor.toModelSize(images.get(t)).data();
                float max = 0f;
                for (int i = 0; i < a.length; i++) {
                    max = Math.max(max, Math.abs(a[i] - b[i]));
                }
                if (max > SAME_SOURCE_TOLERANCE) {
                    throw new IllegalArgumentException("Expected the images the clip was inverted from but frame " + t
                            + " differs from the inversion's source by up to " + max + " (of 1)");
                }
            }
        }
        return new Inverted(editor, plan, windows, List.copyOf(images));
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
                    + " frames or loaded from storage; use edit(Frame), or withOriginals(images) first");
        }
        EditInputs.check(originals, editedFirst, editor.model().spec());
        EditInputs.checkMask(mask, originals.size(), originals.get(0).getWidth(), originals.get(0).getHeight());
        EditResult r = editor.generate(plan, windows, editor.toModelSize(editedFirst), editor.modelSizeMask(mask),
                progress, token);
        return editor.toImages(originals, r.video(), mask);
    }
}
