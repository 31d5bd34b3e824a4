package org.videoshop;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.videoshop.kernel.Backends;
import org.videoshop.kernel.LatentKernels;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;
import org.videoshop.pipeline.EditPipeline;
import org.videoshop.pipeline.InvertedClip;
import org.videoshop.pipeline.StepContext;
import org.videoshop.pipeline.Windows;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Images;
import org.videoshop.tensor.Mask;
import org.videoshop.tensor.Video;

/**
 * Edits videos with one model and one set of options. Clips longer than the model's window are edited in
 * overlapping windows; an optional {@link Mask} limits the edit; {@link #invert} lets one inversion serve many
 * edits. Thread-safe: several threads may edit at once (each edit owns its buffers; the model's networks are
 * thread-safe). Closing it closes the model only when the editor opened it itself ({@link Videoshop#open()});
 * closing twice is harmless; editing after close throws {@link IllegalStateException}.
 */
public final class VideoEditor implements AutoCloseable {

    private final VideoshopModel model;
    private final boolean ownsModel;
    private final VideoshopOptions options;
    private final LatentKernels kernels;
    private final EditPipeline pipeline;
    private volatile boolean closed;

    VideoEditor(VideoshopModel model, VideoshopOptions options, boolean ownsModel) {
        if (model == null) {
            throw new IllegalArgumentException("Expected a model but found null");
        }
        if (options == null) {
            throw new IllegalArgumentException("Expected options but found null");
        }
        this.model = model;
        this.ownsModel = ownsModel;
        this.options = options;
        this.kernels = options.backend() == null ? Backends.kernels() : Backends.kernels(options.backend());
        this.pipeline = new EditPipeline(model, kernels, options);
    }

    /** The model (owned by whoever opened it). */
    public VideoshopModel model() {
        return model;
    }

    public VideoshopOptions options() {
        return options;
    }

    /** The latent backend in use. */
    public String backend() {
        return kernels.name();
    }

    /**
     * Edits frames of any (common) size: they are resized to the model's resolution for the edit and the result
     * is returned at the input's size. Returns new images owned by the caller.
     */
    public List<BufferedImage> edit(List<BufferedImage> frames, BufferedImage editedFirst) {
        return edit(frames, editedFirst, null, ProgressListener.NONE, null);
    }

    /** As {@link #edit(List, BufferedImage)}, reporting progress and honouring cancellation. */
    public List<BufferedImage> edit(List<BufferedImage> frames, BufferedImage editedFirst,
                                    ProgressListener progress, CancellationToken token) {
        return edit(frames, editedFirst, null, progress, token);
    }

    /**
     * As {@link #edit(List, BufferedImage)} with a mask at the frames' size (null for none): outside the mask,
     * beyond its feathered edge, the output pixels equal the input's exactly.
     */
    public List<BufferedImage> edit(List<BufferedImage> frames, BufferedImage editedFirst, Mask mask,
                                    ProgressListener progress, CancellationToken token) {
        return editImages(frames, editedFirst, mask, progress, token).frames();
    }

    /**
     * As {@link #edit(List, BufferedImage, Mask, ProgressListener, CancellationToken)}, also returning the edit's
     * {@link Provenance}. The images are new and belong to the caller.
     */
    public EditedImages editImages(List<BufferedImage> frames, BufferedImage editedFirst, Mask mask,
                                   ProgressListener progress, CancellationToken token) {
        ensureOpen();
        EditInputs.check(frames, editedFirst, model.spec());
        EditInputs.checkMask(mask, frames.size(), frames.get(0).getWidth(), frames.get(0).getHeight());
        EditResult result = run(toModelSize(frames), toModelSize(editedFirst), modelSizeMask(mask), progress, token);
        return new EditedImages(toImages(frames, result.video(), mask), result.provenance());
    }

    /**
     * Edits raw frames at a size the model takes (a multiple of its downscale factor); returns the edited clip at
     * the same size with its provenance.
     */
    public EditResult edit(Video frames, Frame editedFirst) {
        return edit(frames, editedFirst, null, ProgressListener.NONE, null);
    }

    /** As {@link #edit(Video, Frame)}, reporting progress and honouring cancellation. */
    public EditResult edit(Video frames, Frame editedFirst, ProgressListener progress, CancellationToken token) {
        return edit(frames, editedFirst, null, progress, token);
    }

    /** As {@link #edit(Video, Frame)} with a mask of the video's size (null for none). */
    public EditResult edit(Video frames, Frame editedFirst, Mask mask, ProgressListener progress,
                           CancellationToken token) {
        ensureOpen();
        EditInputs.check(frames, editedFirst, model.spec(), options);
        EditInputs.checkMask(mask, frames.frames(), frames.width(), frames.height());
        return run(frames, editedFirst, mask, progress, token);
    }

    /** Inverts a clip of images once; the result can be edited many times, each costing only generation. */
    public Inverted invert(List<BufferedImage> frames, ProgressListener progress, CancellationToken token) {
        ensureOpen();
        EditInputs.check(frames, frames == null || frames.isEmpty() ? null : frames.get(0), model.spec());
        return invertClip(toModelSize(frames), List.copyOf(frames), progress, token);
    }

    /** Inverts raw frames once (at a size the model takes). */
    public Inverted invert(Video frames, ProgressListener progress, CancellationToken token) {
        ensureOpen();
        EditInputs.check(frames, frames == null ? null : frames.frame(0), model.spec(), options);
        return invertClip(frames, null, progress, token);
    }

    /**
     * Wraps inversions loaded from storage. They must have been made with this editor's model and options, and
     * cover the clip as {@code plan} says.
     */
    public Inverted inverted(Windows plan, List<InvertedClip> windows) {
        ensureOpen();
        return new Inverted(this, plan, windows, null);
    }

    private Inverted invertClip(Video frames, List<BufferedImage> originals, ProgressListener progress,
                                CancellationToken token) {
        Windows plan = plan(frames.frames());
        List<InvertedClip> windows = new ArrayList<>();
        for (int k = 0; k < plan.count(); k++) {
            Video part = plan.window(frames, k);
            windows.add(pipeline.invert(part, new StepContext(progress, token, null)));
        }
        return new Inverted(this, plan, windows, originals);
    }

    private EditResult run(Video frames, Frame editedFirst, Mask mask, ProgressListener progress,
                           CancellationToken token) {
        Windows plan = plan(frames.frames());
        return plan.run(editedFirst, (k, condition) -> {
            Video part = plan.window(frames, k);
            Mask partMask = plan.window(mask, k);
            return pipeline.run(part, condition, partMask, new StepContext(progress, token, null));
        });
    }

    /** Generation from stored inversions (used by {@link Inverted}). */
    EditResult generate(Windows plan, List<InvertedClip> windows, Frame editedFirst, Mask mask,
                        ProgressListener progress, CancellationToken token) {
        ensureOpen();
        return plan.run(editedFirst, (k, condition) -> {
            Mask partMask = plan.window(mask, k);
            return pipeline.edit(windows.get(k), condition, partMask, new StepContext(progress, token, null));
        });
    }

    /** How a clip of that many frames is split into windows with this editor's model and options. */
    public Windows plan(int frames) {
        return Windows.plan(frames, options.windowFrames(model.spec()), options.windowOverlap());
    }

    List<BufferedImage> toImages(List<BufferedImage> originals, Video edited, Mask mask) {
        int w = originals.get(0).getWidth();
        int h = originals.get(0).getHeight();
        List<BufferedImage> images = new ArrayList<>(edited.frames());
        for (int i = 0; i < edited.frames(); i++) {
            BufferedImage out = Images.toImage(Images.resize(edited.frame(i), w, h));
            if (mask != null) {
                out = Images.composite(originals.get(i), out, mask.feathered(i));
            }
            images.add(out);
        }
        return images;
    }

    Video toModelSize(List<BufferedImage> frames) {
        List<Frame> resized = new ArrayList<>(frames.size());
        for (BufferedImage img : frames) {
            resized.add(toModelSize(img));
        }
        return Video.of(resized);
    }

    Frame toModelSize(BufferedImage image) {
        ModelSpec spec = model.spec();
        return Images.resize(Images.toFrame(image), spec.width(), spec.height());
    }

    Mask modelSizeMask(Mask mask) {
        return mask == null ? null : mask.resize(model.spec().width(), model.spec().height()).withFeather(0);
    }

    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("VideoEditor is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (ownsModel) {
                model.close();
            }
        }
    }
}
