package org.videoshop;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.videoshop.kernel.Backends;
import org.videoshop.kernel.LatentKernels;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;
import org.videoshop.pipeline.EditPipeline;
import org.videoshop.pipeline.StepContext;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Images;
import org.videoshop.tensor.Video;

/**
 * Edits videos with one model and one set of options. Thread-safe: several threads may edit at once (each edit
 * owns its buffers; the model's networks are thread-safe). Closing it closes the model only when the editor
 * opened it itself ({@link Videoshop#open()}); closing twice is harmless; editing after close throws
 * {@link IllegalStateException}.
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
        return edit(frames, editedFirst, ProgressListener.NONE, null);
    }

    /** As {@link #edit(List, BufferedImage)}, reporting progress and honouring cancellation. */
    public List<BufferedImage> edit(List<BufferedImage> frames, BufferedImage editedFirst,
                                    ProgressListener progress, CancellationToken token) {
        ensureOpen();
        ModelSpec spec = model.spec();
        EditInputs.check(frames, editedFirst, spec);
        int w = frames.get(0).getWidth();
        int h = frames.get(0).getHeight();
        List<Frame> resized = new ArrayList<>(frames.size());
        for (BufferedImage img : frames) {
            resized.add(Images.resize(Images.toFrame(img), spec.width(), spec.height()));
        }
        Frame edited = Images.resize(Images.toFrame(editedFirst), spec.width(), spec.height());
        Video out = run(Video.of(resized), edited, progress, token).video();
        List<BufferedImage> images = new ArrayList<>(out.frames());
        for (int i = 0; i < out.frames(); i++) {
            images.add(Images.toImage(Images.resize(out.frame(i), w, h)));
        }
        return images;
    }

    /**
     * Edits raw frames at a size the model takes (a multiple of its downscale factor); returns the edited clip at
     * the same size with its provenance.
     */
    public EditResult edit(Video frames, Frame editedFirst) {
        return edit(frames, editedFirst, ProgressListener.NONE, null);
    }

    /** As {@link #edit(Video, Frame)}, reporting progress and honouring cancellation. */
    public EditResult edit(Video frames, Frame editedFirst, ProgressListener progress, CancellationToken token) {
        ensureOpen();
        EditInputs.check(frames, editedFirst, model.spec());
        return run(frames, editedFirst, progress, token);
    }

    private EditResult run(Video frames, Frame editedFirst, ProgressListener progress, CancellationToken token) {
        return pipeline.run(frames, editedFirst, new StepContext(progress, token, null));
    }

    private void ensureOpen() {
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
