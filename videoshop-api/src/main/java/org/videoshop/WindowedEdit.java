package org.videoshop;

import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.videoshop.pipeline.DetailComposite;
import org.videoshop.pipeline.DetailDifference;
import org.videoshop.pipeline.EditPipeline;
import org.videoshop.pipeline.EditRegion;
import org.videoshop.pipeline.StepContext;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Images;
import org.videoshop.tensor.Mask;
import org.videoshop.tensor.Video;

/**
 * One edit of images, window by window: reads a window's frames from the source, runs the model on them at the
 * working size, and writes every frame that no later window changes, so full-resolution pixels are held only for
 * one window (its overlap with the next included). Window k is conditioned on the output frame where it begins,
 * as {@link Windows} plans; overlapping frames are cross-faded at the working size. Detail mode keeps, per frame,
 * the working-size difference E - R and reconstruction R, and the automatic {@link EditRegion} is carried from
 * frame to frame as they are read; regenerate mode keeps the model's output. Inputs are validated by the caller. One
 * per edit; not thread-safe.
 */
final class WindowedEdit {

    /**
     * A frame read and not yet written: the image, its working-size copy, its mask (or null) and its automatic
     * region at the region's tracking size (or null).
     */
    private record Held(BufferedImage image, Frame work, Mask mask, float[] region) {
    }

    /** What the model made of one window, at the working size (detail mode: E - R and R; else the output). */
    private record WindowOutput(Video values, Video reconstruction, Provenance provenance) {
    }

    private final EditPipeline pipeline;
    private final VideoshopOptions options;
    private final boolean detail;
    private final Windows plan;
    private final FrameSize work;
    private final int width;
    private final int height;
    private final int frames;
    private final FrameSource source;
    private final BufferedImage editedFirst;
    private final MaskFrames mask;
    private final FrameSink sink;
    private final WindowInversions inverted;
    private final StepCountingProgress progress;
    private final CancellationToken token;
    private final StepContext io;
    private final Map<Integer, Held> held = new HashMap<>();
    private final Map<Integer, float[]> values = new HashMap<>();
    private final Map<Integer, float[]> reconstructions = new HashMap<>();
    private EditRegion region;
    private int read;
    private int written;
    private LatentObserver observer;

    /**
     * @param inverted the clip's inversion (windows and reconstructions), or null to invert each window here; each
     *                 window's stored source must be the source's frames at the working size (checked per window)
     */
    WindowedEdit(EditPipeline pipeline, VideoshopOptions options, Windows plan, FrameSize work, FrameSource source,
                 BufferedImage editedFirst, MaskFrames mask, FrameSink sink, WindowInversions inverted,
                 ProgressListener listener, CancellationToken token) {
        this.pipeline = pipeline;
        this.options = options;
        this.detail = options.outputMode() == OutputMode.DETAIL;
        this.plan = plan;
        this.work = work;
        this.width = source.width();
        this.height = source.height();
        this.frames = source.frameCount();
        this.source = source;
        this.editedFirst = editedFirst;
        this.mask = mask;
        this.sink = sink;
        this.inverted = inverted;
        this.token = token == null ? new CancellationToken() : token;
        this.progress = new StepCountingProgress(listener, plan.count(), units());
        this.io = new StepContext(progress, this.token, null);
    }

    /** Shows {@code observer} (null for none) every window's x0 and steps, as the raw-frame edit does. */
    WindowedEdit observing(LatentObserver observer) {
        this.observer = observer;
        return this;
    }

    /** Units of the overall progress (see {@link ProgressListener#onOverall}). */
    private long units() {
        long units = 2L * frames;
        for (int k = 0; k < plan.count(); k++) {
            if (inverted == null) {
                units += pipeline.invertUnits() + (detail ? pipeline.generateUnits() : 0);
            } else if (detail && !inverted.hasReconstruction(k)) {
                units += pipeline.generateUnits();
            }
            units += pipeline.generateUnits();
        }
        return units;
    }

    /** Runs the edit; every frame has been handed to the sink when it returns. */
    Provenance run() {
        Instant started = Instant.now();
        progress.start();
        Frame editedWork = Images.resize(Images.toFrame(editedFirst), work.width(), work.height());
        List<Provenance> parts = new ArrayList<>();
        for (int k = 0; k < plan.count(); k++) {
            progress.window(k);
            int start = plan.starts().get(k);
            read = FrameStage.run(io, Stage.READ, read, Math.min(plan.end(k), frames), this::readFrame);
            Video part = workingWindow(k);
            if (inverted != null) {
                checkSameSource(k, start, part);
            }
            Frame condition = k == 0 ? editedWork : conditionAt(start);
            StepContext ctx = new StepContext(progress, token, observer);
            WindowOutput out = detail ? detailWindow(k, part, condition, ctx)
                    : regenerateWindow(k, part, condition, ctx);
            parts.add(out.provenance());
            stitch(k, out);
            written = FrameStage.run(io, Stage.WRITE, written, k + 1 < plan.count() ? plan.starts().get(k + 1)
                    : frames, this::writeFrame);
        }
        return provenance(parts, started);
    }

    /** Reads source frame t (and its mask), keeping it with its working-size copy and its automatic region. */
    private void readFrame(int t) {
        BufferedImage image = SourceFrames.next(source, t, width, height);
        Mask m = mask == null ? null : mask.next(t);
        Frame full = Images.toFrame(image);
        Frame small = Images.resize(full, work.width(), work.height());
        float[] r = null;
        if (detail && t == 0) {
            region = EditRegion.start(full, Images.toFrame(editedFirst));
            r = region.first();
        } else if (detail && mask == null) {
            r = region.next(full);
        }
        held.put(t, new Held(image, small, m, r));
    }

    /** Window k's frames at the working size, padded with the clip's last frame where it runs past the end. */
    private Video workingWindow(int k) {
        List<Frame> list = new ArrayList<>(plan.size());
        for (int j = 0; j < plan.size(); j++) {
            list.add(held.get(plan.frame(k, j)).work());
        }
        return Video.of(list);
    }

    /**
     * Refuses a source whose frames (at the working size) are not those window k was inverted from, up to half an
     * 8-bit level ({@link Inverted#SAME_SOURCE_TOLERANCE}); frames beyond the clip's end (padding) are not compared.
     */
    private void checkSameSource(int k, int start, Video part) {
        Video stored = inverted.window(k).source();
        if (stored.width() != part.width() || stored.height() != part.height()) {
            throw new IllegalArgumentException("Expected the inversion's working size " + part.width() + "x"
                    + part.height() + " but window " + k + " was inverted at " + stored.width() + "x"
                    + stored.height());
        }
        for (int j = 0; j < plan.size() && start + j < frames; j++) {
            float max = Inverted.maxDifference(stored.frame(j).data(), part.frame(j).data());
            if (max > Inverted.SAME_SOURCE_TOLERANCE) {
                throw new IllegalArgumentException("Expected the images the clip was inverted from but frame "
                        + (start + j) + " differs from the inversion's source by up to " + max + " (of 1)");
            }
        }
    }

    /** The frame that conditions a later window: the output where it begins, at the working size. */
    private Frame conditionAt(int t) {
        if (!detail) {
            return new Frame(work.height(), work.width(), values.get(t).clone());
        }
        return Images.resize(Images.toFrame(compose(t)), work.width(), work.height());
    }

    private WindowOutput detailWindow(int k, Video part, Frame condition, StepContext ctx) {
        Video reconstruction;
        EditResult edit;
        if (inverted == null) {
            EditPipeline.Detailed both = pipeline.detail(part, condition, ctx);
            reconstruction = both.reconstruction();
            edit = both.edit();
        } else {
            reconstruction = inverted.reconstruction(k, ctx);
            edit = pipeline.edit(inverted.window(k), condition, null, ctx);
        }
        Video difference = DetailDifference.of(edit.video(), reconstruction, condition, part.frame(0));
        return new WindowOutput(difference, reconstruction, edit.provenance());
    }

    private WindowOutput regenerateWindow(int k, Video part, Frame condition, StepContext ctx) {
        Mask partMask = mask == null ? null : workingMask(k);
        EditResult r = inverted == null ? pipeline.run(part, condition, partMask, ctx)
                : pipeline.edit(inverted.window(k), condition, partMask, ctx);
        return new WindowOutput(r.video(), null, r.provenance());
    }

    /** The caller's mask over window k at the working size, hard-edged (the final composite feathers). */
    private Mask workingMask(int k) {
        int plane = work.width() * work.height();
        float[] data = new float[plan.size() * plane];
        for (int j = 0; j < plan.size(); j++) {
            Mask m = held.get(plan.frame(k, j)).mask().resize(work.width(), work.height());
            System.arraycopy(m.data(), 0, data, j * plane, plane);
        }
        return new Mask(plan.size(), work.height(), work.width(), data, 0);
    }

    /** Keeps window k's per-frame output, cross-fading the frames it shares with window k - 1. */
    private void stitch(int k, WindowOutput out) {
        int start = plan.starts().get(k);
        int overlap = k == 0 ? 0 : plan.end(k - 1) - start;
        int fs = out.values().frameSize();
        float[] all = out.values().data();
        float[] rec = out.reconstruction() == null ? null : out.reconstruction().data();
        for (int j = 0; j < plan.size() && start + j < frames; j++) {
            int t = start + j;
            float[] v = slice(all, j * fs, fs);
            float[] r = rec == null ? null : slice(rec, j * fs, fs);
            if (j < overlap && values.containsKey(t)) {
                float weight = (j + 1f) / (overlap + 1f);
                blend(values.get(t), v, weight);
                if (r != null) {
                    blend(reconstructions.get(t), r, weight);
                }
            } else {
                values.put(t, v);
                if (r != null) {
                    reconstructions.put(t, r);
                }
            }
        }
    }

    /** Composes output frame t, hands it to the sink and drops what was held for it. */
    private void writeFrame(int t) {
        sink.write(t, compose(t));
        held.remove(t);
        values.remove(t);
        reconstructions.remove(t);
    }

    /** Output frame t at the input's resolution from what the windows so far made of it. */
    private BufferedImage compose(int t) {
        Held f = held.get(t);
        if (detail) {
            if (t == 0) {
                return f.mask() == null ? DetailComposite.copy(editedFirst)
                        : Images.composite(f.image(), editedFirst, f.mask().feathered(0));
            }
            float[] weights = f.mask() != null ? f.mask().feathered(0)
                    : Images.resizePlane(f.region(), region.width(), region.height(), width, height);
            return DetailComposite.apply(f.image(), values.get(t), reconstructions.get(t), region.regeneration(),
                    work.width(), work.height(), weights);
        }
        BufferedImage out = Images.toImage(Images.resize(new Frame(work.height(), work.width(), values.get(t)),
                width, height));
        return f.mask() == null ? out : Images.composite(f.image(), out, f.mask().feathered(0));
    }

    /** The windows' provenance combined, with the reading and writing time and the working size used. */
    private Provenance provenance(List<Provenance> parts, Instant started) {
        Provenance p = Windows.combine(parts, frames);
        Map<Stage, Long> stages = new EnumMap<>(Stage.class);
        stages.putAll(p.stageNanos());
        io.stageNanos().forEach((s, n) -> stages.merge(s, n, Long::sum));
        VideoshopOptions recorded = p.options().toBuilder().workingSize(work).outputMode(options.outputMode())
                .build();
        return new Provenance(p.libraryVersion(), p.modelName(), p.modelVersion(), p.backend(), recorded, p.sigmas(),
                frames, work.width(), work.height(), p.javaVersion(), started, stages, p.modelNanos());
    }

    private static void blend(float[] old, float[] next, float weight) {
        for (int i = 0; i < old.length; i++) {
            old[i] += weight * (next[i] - old[i]);
        }
    }

    private static float[] slice(float[] a, int from, int n) {
        float[] out = new float[n];
        System.arraycopy(a, from, out, 0, n);
        return out;
    }
}
