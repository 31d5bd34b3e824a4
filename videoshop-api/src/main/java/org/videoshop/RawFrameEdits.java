package org.videoshop;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;
import org.videoshop.model.ModelSpec;
import org.videoshop.pipeline.EditPipeline;
import org.videoshop.pipeline.StepContext;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Images;
import org.videoshop.tensor.Mask;
import org.videoshop.tensor.Video;

/**
 * The raw-frame half of a {@link VideoEditor}: edits and inversions of float {@link Video}s already at a size the
 * model takes, window by window over the editor's pipeline, and the generations from stored inversions that
 * {@link Inverted} asks for. The image and streaming edits go through {@link WindowedEdit} instead. Inputs are
 * checked by the editor before they get here; every result is new and owned by the caller. Thread-safe as the
 * editor is: it holds nothing mutable.
 */
final class RawFrameEdits {

    private final EditPipeline pipeline;
    private final VideoshopOptions options;
    private final ModelSpec spec;
    private final IntFunction<Windows> plan;

    /** {@code plan} splits a clip of that many frames into the editor's windows. */
    RawFrameEdits(EditPipeline pipeline, VideoshopOptions options, ModelSpec spec, IntFunction<Windows> plan) {
        this.pipeline = pipeline;
        this.options = options;
        this.spec = spec;
        this.plan = plan;
    }

    /** The paper's raw pipeline (inversion and generation per window, no detail composite). */
    EditResult regenerate(Video frames, Frame editedFirst, Mask mask, ProgressListener progress,
                          CancellationToken token, LatentObserver observer) {
        Windows windows = plan.apply(frames.frames());
        return windows.run(editedFirst, (k, condition) -> pipeline.run(windows.window(frames, k), condition,
                windows.window(mask, k), new StepContext(progress, token, observer)));
    }

    /** Each window of the frames inverted in turn, held together for many edits. */
    Inverted invert(VideoEditor editor, Video frames, ProgressListener progress, CancellationToken token,
                    LatentObserver observer) {
        Windows windows = plan.apply(frames.frames());
        List<InvertedClip> inverted = new ArrayList<>();
        for (int k = 0; k < windows.count(); k++) {
            if (progress instanceof StepCountingProgress overall) {
                overall.window(k);
            }
            inverted.add(pipeline.invert(windows.window(frames, k), new StepContext(progress, token, observer)));
        }
        return new Inverted(editor, windows, inverted, null);
    }

    /** Generation alone from stored inversions, window by window. */
    EditResult generate(Windows windows, List<InvertedClip> inverted, Frame editedFirst, Mask mask,
                        ProgressListener progress, CancellationToken token) {
        return windows.run(editedFirst, (k, condition) -> pipeline.edit(inverted.get(k), condition,
                windows.window(mask, k), new StepContext(progress, token, null)));
    }

    /**
     * Detail output of raw frames: the image edit at their own size, as 8-bit images and back, with the inversion's
     * windows and reconstructions when {@code inverted} is given (else inverting them on the way).
     */
    EditResult detail(Video frames, Frame editedFirst, Mask mask, Inverted inverted, ProgressListener progress,
                      CancellationToken token, LatentObserver observer) {
        List<BufferedImage> images = new ArrayList<>(frames.frames());
        for (int t = 0; t < frames.frames(); t++) {
            images.add(Images.toImage(frames.frame(t)));
        }
        FrameSize work = new FrameSize(frames.width(), frames.height());
        Windows windows = plan.apply(frames.frames());
        EditInputs.checkFootprint(windows.size(), work.width(), work.height(), work, mask != null,
                4L * work.pixels() * frames.frames() * 2, spec, options);
        List<BufferedImage> out = new ArrayList<>(Collections.nCopies(images.size(), null));
        Provenance provenance = new WindowedEdit(pipeline, options, windows, work, new ListFrames(images),
                Images.toImage(editedFirst), MaskFrames.of(mask), out::set,
                inverted == null ? null : WindowInversions.of(inverted), progress, token).observing(observer).run();
        List<Frame> edited = new ArrayList<>(out.size());
        for (BufferedImage img : out) {
            edited.add(Images.toFrame(img));
        }
        return new EditResult(Video.of(edited), provenance);
    }
}
