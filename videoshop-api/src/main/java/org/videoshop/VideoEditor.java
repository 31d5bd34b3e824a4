package org.videoshop;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.videoshop.kernel.Backends;
import org.videoshop.kernel.LatentKernels;
import org.videoshop.model.VideoshopModel;
import org.videoshop.pipeline.EditPipeline;
import org.videoshop.pipeline.StepContext;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Images;
import org.videoshop.tensor.Mask;
import org.videoshop.tensor.Video;

/**
 * Edits videos with one model and one set of options, at a working size of the clip's aspect. Clips longer than the model's window are edited in
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
    private final RawFrameEdits raw;
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
        if (options.workingSize() != null) {
            WorkingSize.check(options.workingSize(), model.spec());
        }
        this.kernels = options.backend() == null ? Backends.kernels() : Backends.kernels(options.backend());
        this.pipeline = new EditPipeline(model, kernels, options);
        this.raw = new RawFrameEdits(pipeline, options, model.spec(), this::plan);
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
     * Edits frames of any (common) size: the model runs at the {@link #workingSize working size} (the clip's aspect)
     * and the result is returned at the input's size, as {@link VideoshopOptions#outputMode()} says (by default
     * detail-preserving: the source outside the automatic edit region, bit for bit, and the edited first frame as
     * frame 0). Returns new images owned by the caller. Goes through the streaming edit, window by window.
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
     * beyond its feathered edge, the output pixels equal the input's exactly. In detail mode the mask replaces the
     * automatic edit region.
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
        int w = frames.get(0).getWidth();
        int h = frames.get(0).getHeight();
        EditInputs.checkMask(mask, frames.size(), w, h);
        FrameSize work = workingSize(w, h);
        Windows plan = plan(frames.size());
        EditInputs.checkFootprint(plan.size(), w, h, work, mask != null, 4L * w * h * frames.size(), model.spec(),
                options);
        List<BufferedImage> out = new ArrayList<>(java.util.Collections.nCopies(frames.size(), null));
        Provenance provenance = new WindowedEdit(pipeline, options, plan, work, new ListFrames(frames), editedFirst,
                MaskFrames.of(mask), out::set, null, progress, token).run();
        return new EditedImages(out, provenance);
    }

    /**
     * Edits a clip read frame by frame and writes the edited frames in order as soon as no later window changes them,
     * so the memory an edit holds does not grow with the clip's length (full-resolution pixels of one window and its
     * overlap, see {@link EditInputs#footprintBytes}). The mask, when given, is read along with the source and
     * feathered by {@link Mask#DEFAULT_FEATHER} pixels. Everything is checked (sizes, frame counts, memory) before the
     * first frame is read. The caller owns and closes the sources.
     *
     * @param mask null, or mask images at the frames' size: 1 for the whole clip or one per frame (white = may
     *             change); it replaces detail mode's automatic region
     * @return what produced the edit; its width and height are the working size
     */
    public Provenance edit(FrameSource source, BufferedImage editedFirst, FrameSource mask, FrameSink sink,
                           ProgressListener progress, CancellationToken token) {
        return edit(source, editedFirst, mask, Mask.DEFAULT_FEATHER, sink, progress, token);
    }

    /** As {@link #edit(FrameSource, BufferedImage, FrameSource, FrameSink, ProgressListener, CancellationToken)}
     * with the mask's soft-edge radius in pixels. */
    public Provenance edit(FrameSource source, BufferedImage editedFirst, FrameSource mask, int maskFeather,
                           FrameSink sink, ProgressListener progress, CancellationToken token) {
        ensureOpen();
        EditInputs.check(source, editedFirst, mask, sink, model.spec());
        if (maskFeather < 0) {
            throw new IllegalArgumentException("Expected a mask feather >= 0 pixels but found " + maskFeather);
        }
        FrameSize work = workingSize(source.width(), source.height());
        Windows plan = plan(source.frameCount());
        EditInputs.checkFootprint(plan.size(), source.width(), source.height(), work, mask != null, 0L,
                model.spec(), options);
        return new WindowedEdit(pipeline, options, plan, work, source, editedFirst, MaskFrames.of(mask, maskFeather),
                sink, null, progress, token).run();
    }

    /**
     * Edits a clip from its saved inversion, streaming: the inversion's windows are read in order as the source's
     * frames are (the clip it was inverted from, again, for the output at its size), and the edited frames written
     * as in {@link #edit(FrameSource, BufferedImage, FrameSource, int, FrameSink, ProgressListener,
     * CancellationToken)}; only the generation half runs (in detail mode each window must carry its
     * reconstruction). One window's inversion and full-resolution frames are held at a time. The inversion must
     * have been made with this editor's model and settings, and its windows must cover the source as
     * {@link #plan} says; each window's stored frames must be the source's at the working size (up to half an 8-bit
     * level), else an {@link IllegalArgumentException} names the first frame that differs. The caller owns and
     * closes the sources.
     */
    public Provenance edit(InversionSource inversion, FrameSource source, BufferedImage editedFirst,
                           FrameSource mask, int maskFeather, FrameSink sink, ProgressListener progress,
                           CancellationToken token) {
        ensureOpen();
        if (inversion == null) {
            throw new IllegalArgumentException("Expected an inversion source but found null");
        }
        EditInputs.check(source, editedFirst, mask, sink, model.spec());
        if (maskFeather < 0) {
            throw new IllegalArgumentException("Expected a mask feather >= 0 pixels but found " + maskFeather);
        }
        Windows plan = inversion.plan();
        if (source.frameCount() != plan.frames() || !plan.equals(plan(plan.frames()))) {
            throw new IllegalArgumentException("Expected the " + plan.frames() + " frames the clip was inverted from,"
                    + " in windows " + plan(plan.frames()) + ", but found " + source.frameCount() + " frames"
                    + (source.frameCount() == plan.frames() ? " and windows " + plan : ""));
        }
        FrameSize work = inversion.workingSize();
        WorkingSize.check(work, model.spec());
        EditInputs.checkFootprint(plan.size(), source.width(), source.height(), work, mask != null, 0L,
                model.spec(), options);
        return new WindowedEdit(pipeline, options, plan, work, source, editedFirst,
                MaskFrames.of(mask, maskFeather), sink, WindowInversions.streamed(inversion, this), progress,
                token).run();
    }

    /**
     * The size the model runs at for frames of width x height: the options' {@link VideoshopOptions#workingSize()},
     * else {@link WorkingSize#automatic} (the clip's aspect at about the model's native pixel count).
     */
    public FrameSize workingSize(int width, int height) {
        return WorkingSize.resolve(options, width, height, model.spec());
    }

    /**
     * Edits raw frames at a size the model takes (a multiple of its downscale factor); returns the edited clip at
     * the same size with its provenance, as {@link VideoshopOptions#outputMode()} says: by default detail-preserving
     * as the image edits are (the model runs at the frames' own size; frame 0 is the edited frame and, outside the
     * automatic edit region, the frames are the source's, both as 8-bit values: detail output is composed in 8-bit
     * images), with {@link OutputMode#REGENERATE} the model's output in float (the paper's).
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
        return edit(frames, editedFirst, mask, progress, token, null);
    }

    /**
     * As {@link #edit(Video, Frame, Mask, ProgressListener, CancellationToken)}, showing {@code observer} (null for
     * none) each window's x0 and the latents after every inversion and generation step, e.g. to measure how
     * straight the inversion trajectory is. Observing copies the latents to the host after each step.
     */
    public EditResult edit(Video frames, Frame editedFirst, Mask mask, ProgressListener progress,
                           CancellationToken token, LatentObserver observer) {
        ensureOpen();
        EditInputs.check(frames, editedFirst, model.spec(), options);
        EditInputs.checkMask(mask, frames.frames(), frames.width(), frames.height());
        if (options.outputMode() == OutputMode.DETAIL) {
            // the raw frames' own inversion (in float), then the detail edit of it: the same frames as inverting
            // once with invert(Video, ...) and editing the Inverted
            return raw.invert(this, frames, progress, token, observer).edit(editedFirst, mask, progress, token);
        }
        return raw.regenerate(frames, editedFirst, mask, progress, token, observer);
    }

    /**
     * Detail output of an inversion's stored frames (raw frames inverted at their own size): the image edit at that
     * size, as images and back, with the inversion's windows and reconstructions.
     */
    EditResult detailOfRaw(Video frames, Frame editedFirst, Mask mask, Inverted inverted, ProgressListener progress,
                           CancellationToken token, LatentObserver observer) {
        ensureOpen();
        return raw.detail(frames, editedFirst, mask, inverted, progress, token, observer);
    }

    /**
     * Inverts a clip of images once, at its working size; the result can be edited many times, each costing only
     * generation (in detail mode the reconstruction that every edit subtracts is made here too, once). Holds the
     * whole clip's inversion; {@link #invert(FrameSource, InversionSink, ProgressListener, CancellationToken)}
     * streams it instead.
     */
    public Inverted invert(List<BufferedImage> frames, ProgressListener progress, CancellationToken token) {
        ensureOpen();
        EditInputs.check(frames, frames == null || frames.isEmpty() ? null : frames.get(0), model.spec());
        List<InvertedClip> windows = new ArrayList<>();
        ListFrames source = new ListFrames(frames);
        Windows plan = plan(frames.size());
        EditInputs.checkFootprint(plan.size(), source.width(), source.height(), workingSize(source.width(),
                source.height()), false, 0L, model.spec(), options);
        new WindowedInversion(pipeline, options.outputMode() == OutputMode.DETAIL, plan,
                workingSize(source.width(), source.height()), source, (p, k, clip) -> windows.add(clip), progress,
                token).run();
        return new Inverted(this, plan, windows, List.copyOf(frames));
    }

    /**
     * Inverts a clip read frame by frame, at its working size, handing each window's inversion, with its
     * reconstruction (so that what is saved serves either output mode), to {@code sink} as soon as it is made, so the
     * memory held does not grow with the clip's length: the working-size frames of one window and its latents. Sizes and memory are checked before the first
     * frame is read. The caller owns and closes the source. A later {@link #edit(InversionSource, FrameSource,
     * BufferedImage, FrameSource, int, FrameSink, ProgressListener, CancellationToken)} reads the windows back.
     *
     * @return the window plan the sink received
     */
    public Windows invert(FrameSource source, InversionSink sink, ProgressListener progress,
                          CancellationToken token) {
        ensureOpen();
        EditInputs.check(source, model.spec());
        if (sink == null) {
            throw new IllegalArgumentException("Expected an inversion sink but found null");
        }
        FrameSize work = workingSize(source.width(), source.height());
        Windows plan = plan(source.frameCount());
        EditInputs.checkFootprint(plan.size(), source.width(), source.height(), work, false, 0L, model.spec(),
                options);
        new WindowedInversion(pipeline, true, plan, work, source, sink, progress, token).run();
        return plan;
    }

    /** Inverts raw frames once (at a size the model takes). */
    public Inverted invert(Video frames, ProgressListener progress, CancellationToken token) {
        ensureOpen();
        EditInputs.check(frames, frames == null ? null : frames.frame(0), model.spec(), options);
        return raw.invert(this, frames, progress, token, null);
    }

    /**
     * Wraps inversions loaded from storage. They must have been made with this editor's model and options, and
     * cover the clip as {@code plan} says.
     */
    public Inverted inverted(Windows plan, List<InvertedClip> windows) {
        ensureOpen();
        return new Inverted(this, plan, windows, null);
    }

    /** Generation from stored inversions (used by {@link Inverted}). */
    EditResult generate(Windows plan, List<InvertedClip> windows, Frame editedFirst, Mask mask,
                        ProgressListener progress, CancellationToken token) {
        ensureOpen();
        return raw.generate(plan, windows, editedFirst, mask, progress, token);
    }

    /** How a clip of that many frames is split into windows with this editor's model and options. */
    public Windows plan(int frames) {
        return Windows.plan(frames, options.windowFrames(model.spec()), options.windowOverlap());
    }

    /** Edits an inversion made from images, at their size (used by {@link Inverted}). */
    List<BufferedImage> editInverted(Inverted inverted, List<BufferedImage> originals, BufferedImage editedFirst,
                                     Mask mask, ProgressListener progress, CancellationToken token) {
        ensureOpen();
        Video first = inverted.windows().get(0).source();
        FrameSize work = new FrameSize(first.width(), first.height());
        int w = originals.get(0).getWidth();
        int h = originals.get(0).getHeight();
        EditInputs.checkFootprint(inverted.plan().size(), w, h, work, mask != null, 4L * w * h * originals.size(),
                model.spec(), options);
        List<BufferedImage> out = new ArrayList<>(java.util.Collections.nCopies(originals.size(), null));
        new WindowedEdit(pipeline, options, inverted.plan(), work, new ListFrames(originals), editedFirst,
                MaskFrames.of(mask), out::set, WindowInversions.of(inverted), progress, token).run();
        return out;
    }

    /** Detail mode's reconstruction of one window's inversion (used by {@link Inverted}, once per window). */
    Video reconstruct(InvertedClip window, StepContext ctx) {
        ensureOpen();
        return pipeline.reconstruct(window, ctx).video();
    }

    static Video toWorkingSize(List<BufferedImage> frames, FrameSize work) {
        List<Frame> resized = new ArrayList<>(frames.size());
        for (BufferedImage img : frames) {
            resized.add(toWorkingSize(img, work));
        }
        return Video.of(resized);
    }

    static Frame toWorkingSize(BufferedImage image, FrameSize work) {
        return Images.resize(Images.toFrame(image), work.width(), work.height());
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
