package org.videoshop;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.videoshop.model.ModelSpec;
import org.videoshop.pipeline.StepContext;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Mask;
import org.videoshop.tensor.Video;

/**
 * A clip inverted once by {@link VideoEditor#invert}, ready for any number of edits that each cost only the
 * generation half. Holds the inversion of each window (see {@link #windows()}, e.g. to save them) and, when made
 * from images, the original images for compositing at their size. Its windows must have been made with the
 * editor's model and settings, compared as {@link VideoshopOptions#resolvedFor resolved} for that model.
 * Thread-safe; its inversions never change, and each window's reconstruction (detail mode) is made at most once.
 * Valid while its editor is open.
 */
public final class Inverted {

    /**
     * Largest pixel difference (in [0, 1]) tolerated by {@link #withOriginals} between images and source: half an
     * 8-bit level (and float rounding), so the stored source written as 8-bit images re-attaches.
     */
    static final float SAME_SOURCE_TOLERANCE = 0.5f / 255f + 1e-5f;

    private final VideoEditor editor;
    private final Windows plan;
    /** Each window's inversion; a window gains its reconstruction the first time a detail edit needs it. */
    private final AtomicReferenceArray<InvertedClip> windows;
    private final List<BufferedImage> originals;

    Inverted(VideoEditor editor, Windows plan, List<InvertedClip> windows, List<BufferedImage> originals) {
        if (windows == null || windows.size() != plan.count()) {
            throw new IllegalArgumentException("Expected " + plan.count() + " inverted windows but found "
                    + (windows == null ? "null" : windows.size()));
        }
        for (InvertedClip w : windows) {
            checkMadeBy(editor, w);
        }
        this.editor = editor;
        this.plan = plan;
        this.windows = new AtomicReferenceArray<>(windows.toArray(new InvertedClip[0]));
        this.originals = originals;
    }

    /**
     * Refuses a window not made with the editor's model and settings (compared as the model resolves them: an
     * inversion made with guidance or Sigma left to the model serves an edit that names the model's values
     * explicitly, and vice versa, since the same numbers run).
     */
    static void checkMadeBy(VideoEditor editor, InvertedClip w) {
        ModelSpec spec = editor.model().spec();
        String model = spec.name();
        String version = spec.version();
        if (!w.modelName().equals(model) || !w.modelVersion().equals(version)) {
            throw new IllegalArgumentException("Expected an inversion made with model " + model + " " + version
                    + " but found " + w.modelName() + " " + w.modelVersion());
        }
        VideoshopOptions expected = editor.options().inversionSettings().resolvedFor(spec);
        VideoshopOptions found = w.options().inversionSettings().resolvedFor(spec);
        if (!found.equals(expected)) {
            throw new IllegalArgumentException("Expected an inversion made with the editor's options "
                    + expected + " but found " + found + " (unset guidance and Sigma resolved for model "
                    + model + ")");
        }
    }

    private Inverted(VideoEditor editor, Windows plan, AtomicReferenceArray<InvertedClip> windows,
                     List<BufferedImage> originals) {
        this.editor = editor;
        this.plan = plan;
        this.windows = windows;
        this.originals = originals;
    }

    /** The window plan: where each window starts. */
    public Windows plan() {
        return plan;
    }

    /**
     * Each window's inversion (one for clips within the model's window), with its reconstruction where one was made
     * (see {@link #withReconstructions}).
     */
    public List<InvertedClip> windows() {
        List<InvertedClip> out = new ArrayList<>(windows.length());
        for (int k = 0; k < windows.length(); k++) {
            out.add(windows.get(k));
        }
        return List.copyOf(out);
    }

    /** Window k's inversion, as {@link #windows()} lists it. */
    InvertedClip window(int k) {
        return windows.get(k);
    }

    /** Whether window k's detail-mode reconstruction is already known. */
    public boolean hasReconstruction(int k) {
        return windows.get(k).reconstruction() != null;
    }

    /**
     * This inversion with every window's reconstruction made (the generation conditioned on the source's own frame
     * that detail mode subtracts), e.g. before saving it; windows that have one are not redone.
     */
    public Inverted withReconstructions(ProgressListener progress, CancellationToken token) {
        StepContext ctx = new StepContext(progress, token, null);
        for (int k = 0; k < windows.length(); k++) {
            if (progress instanceof StepCountingProgress overall) {
                overall.window(k);
            }
            reconstruction(k, ctx);
        }
        return this;
    }

    /**
     * Window k's reconstruction, made once (under a lock shared with {@link #withOriginals} copies, so concurrent
     * edits do not repeat it) and kept for every later edit.
     */
    Video reconstruction(int k, StepContext ctx) {
        InvertedClip w = windows.get(k);
        if (w.reconstruction() != null) {
            return w.reconstruction();
        }
        synchronized (windows) {
            w = windows.get(k);
            if (w.reconstruction() == null) {
                w = w.withReconstruction(editor.reconstruct(w, ctx));
                windows.set(k, w);
            }
            return w.reconstruction();
        }
    }

    /** Frames in the clip. */
    public int frames() {
        return plan.frames();
    }

    /**
     * The whole source clip at the working size the inversion was made at, stitched from its windows' stored
     * frames (a new video owned by the caller): e.g. the frames to show beside an edit of a loaded inversion.
     */
    public Video source() {
        Video first = windows.get(0).source();
        int frameSize = first.frameSize();
        float[] data = new float[plan.frames() * frameSize];
        for (int k = plan.count() - 1; k >= 0; k--) {
            float[] part = windows.get(k).source().data();
            int start = plan.starts().get(k) * frameSize;
            System.arraycopy(part, 0, data, start, Math.min(part.length, data.length - start));
        }
        return new Video(plan.frames(), first.height(), first.width(), data);
    }

    /**
     * This inversion re-attached to the images it was made from (e.g. after loading it from a file), so that
     * {@link #edit(BufferedImage)} works at their size. The images, resized to the inversion's working size, must
     * equal its source frames up to half an 8-bit level.
     */
    public Inverted withOriginals(List<BufferedImage> images) {
        EditInputs.check(images, images == null || images.isEmpty() ? null : images.get(0), editor.model().spec());
        if (images.size() != frames()) {
            throw new IllegalArgumentException("Expected the " + frames() + " images the clip was inverted from but"
                    + " found " + images.size());
        }
        Video stored = windows.get(0).source();
        FrameSize work = new FrameSize(stored.width(), stored.height());
        for (int k = 0; k < plan.count(); k++) {
            Video source = windows.get(k).source();
            for (int j = 0; j < source.frames() && plan.starts().get(k) + j < frames(); j++) {
                int t = plan.starts().get(k) + j;
                float max = maxDifference(source.frame(j).data(),
                        VideoEditor.toWorkingSize(images.get(t), work).data());
                if (max > SAME_SOURCE_TOLERANCE) {
                    throw new IllegalArgumentException("Expected the images the clip was inverted from but frame " + t
                            + " differs from the inversion's source by up to " + max + " (of 1)");
                }
            }
        }
        return new Inverted(editor, plan, windows, List.copyOf(images));
    }

    /** The largest absolute difference between two arrays of the same length. */
    static float maxDifference(float[] a, float[] b) {
        float max = 0f;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /**
     * Edits at the inversion's working size, as the raw-frame edit {@link VideoEditor#edit(Video, Frame)}: returns
     * the edit with its provenance as the output mode says (by default detail-preserving, in 8-bit values; with
     * {@link OutputMode#REGENERATE} the model's output, the paper's regeneration).
     */
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
        if (editor.options().outputMode() == OutputMode.DETAIL) {
            Video source = source();
            EditInputs.check(source, editedFirst, editor.model().spec(), null);
            return editor.detailOfRaw(source, editedFirst, mask, this, progress, token, null);
        }
        return editor.generate(plan, windows(), editedFirst, mask, progress, token);
    }

    /**
     * Edits with an image at the original frames' size, as {@link VideoEditor#edit(List, BufferedImage)} (in detail
     * mode, the reconstruction is made on the first edit and serves every later one); only for clips inverted from
     * images.
     */
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
        return editor.editInverted(this, originals, editedFirst, mask, progress, token);
    }
}
