package org.videoshop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.videoshop.pipeline.EditPipeline;
import org.videoshop.pipeline.StepContext;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Images;
import org.videoshop.tensor.Video;

/**
 * One inversion of a clip read frame by frame: each window's frames are read and resized to the working size
 * (the full-resolution image is dropped at once), inverted (and, when asked, reconstructed), and handed to the
 * sink; only the working-size frames of one window and its overlap with the next are held. Inputs are validated
 * by the caller. One per inversion; not thread-safe.
 */
final class WindowedInversion {

    private final EditPipeline pipeline;
    private final boolean reconstruct;
    private final Windows plan;
    private final FrameSize work;
    private final FrameSource source;
    private final InversionSink sink;
    private final CancellationToken token;
    private final StepCountingProgress progress;
    private final StepContext io;
    private final Map<Integer, Frame> held = new HashMap<>();
    private final int width;
    private final int height;
    private int read;

    /** @param reconstruct whether each window also gets its reconstruction (detail mode's R) before the sink */
    WindowedInversion(EditPipeline pipeline, boolean reconstruct, Windows plan, FrameSize work,
                      FrameSource source, InversionSink sink, ProgressListener listener, CancellationToken token) {
        this.pipeline = pipeline;
        this.reconstruct = reconstruct;
        this.plan = plan;
        this.work = work;
        this.source = source;
        this.sink = sink;
        this.width = source.width();
        this.height = source.height();
        this.token = token == null ? new CancellationToken() : token;
        // units: one per frame read, and per window the inversion's (and the reconstruction's)
        long units = plan.frames() + (long) plan.count()
                * (pipeline.invertUnits() + (reconstruct ? pipeline.generateUnits() : 0));
        this.progress = new StepCountingProgress(listener, plan.count(), units);
        this.io = new StepContext(progress, this.token, null);
    }

    /** Inverts every window in order; each has been handed to the sink when this returns. */
    void run() {
        progress.start();
        for (int k = 0; k < plan.count(); k++) {
            progress.window(k);
            read = FrameStage.run(io, Stage.READ, read, Math.min(plan.end(k), plan.frames()), this::readFrame);
            List<Frame> part = new ArrayList<>(plan.size());
            for (int j = 0; j < plan.size(); j++) {
                part.add(held.get(plan.frame(k, j)));
            }
            StepContext ctx = new StepContext(progress, token, null);
            InvertedClip clip = pipeline.invert(Video.of(part), ctx);
            if (reconstruct) {
                clip = clip.withReconstruction(pipeline.reconstruct(clip, ctx).video());
            }
            int next = k + 1 < plan.count() ? plan.starts().get(k + 1) : plan.frames();
            held.keySet().removeIf(t -> t < next);
            sink.write(plan, k, clip);
        }
    }

    /** Reads source frame t and keeps it at the working size only. */
    private void readFrame(int t) {
        held.put(t, Images.resize(Images.toFrame(SourceFrames.next(source, t, width, height)), work.width(),
                work.height()));
    }
}
