package org.videoshop.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.videoshop.EditResult;
import org.videoshop.LibraryVersion;
import org.videoshop.OutputMode;
import org.videoshop.Provenance;
import org.videoshop.Stage;
import org.videoshop.VideoshopOptions;
import org.videoshop.diffusion.ChannelStats;
import org.videoshop.diffusion.FrameNormalizer;
import org.videoshop.diffusion.LatentNormalizer;
import org.videoshop.diffusion.Normalizers;
import org.videoshop.diffusion.Preconditioning;
import org.videoshop.kernel.LatentKernels;
import org.videoshop.kernel.LatentScope;
import org.videoshop.kernel.LatentTensor;
import org.videoshop.model.Conditioning;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Latents;
import org.videoshop.tensor.Mask;
import org.videoshop.tensor.Noise;
import org.videoshop.tensor.Video;
import org.videoshop.InvertedClip;

/**
 * Videoshop's four stages on one clip at a size the model takes: (1) encode and normalise, (2) invert with
 * the source's first frame as condition, (3) generate conditioned on the edited first frame, (4) rescale to
 * the edited frame's latent statistics and decode. Inversion depends only on the source, so it is exposed on
 * its own ({@link #invert}) and any number of edits can start from it ({@link #edit}). Inputs must already be
 * validated ({@link org.videoshop.EditInputs}). Immutable and thread-safe; each run owns its buffers. The latents
 * of a window live in one {@link LatentScope} of the backend from inversion to the rescale: no host copy per step
 * (reusable inversions, {@link #invert}, copy every level out for saving).
 */
public final class EditPipeline {

    private static final long NOISE_STREAM = 0x9E3779B97F4A7C15L;
    private static final long AUGMENT_STREAM = 0xC2B2AE3D27D4EB4FL;
    /** The generation condition's own augmentation draw, with {@link VideoshopOptions#separateAugmentationDraws()}. */
    private static final long GENERATION_AUGMENT_STREAM = 0x165667B19E3779F9L;

    private final VideoshopModel model;
    private final ModelSpec spec;
    private final LatentKernels kernels;
    private final VideoshopOptions options;
    private final LatentNormalizer normalizer;
    private final Preconditioning pre;
    private final boolean batchGenerations;

    public EditPipeline(VideoshopModel model, LatentKernels kernels, VideoshopOptions options) {
        this.batchGenerations = "true".equalsIgnoreCase(System.getProperty(OutputMode.BATCH_GENERATIONS_PROPERTY));
        this.model = model;
        this.spec = model.spec();
        this.kernels = kernels;
        this.options = options;
        this.normalizer = Normalizers.create(options.normalization(), kernels);
        this.pre = spec.preconditioning();
    }

    /** The conditioning and rescale target derived from the edited first frame. */
    private record EditCondition(Conditioning condition, ChannelStats target) {
    }

    /** One window on the backend: the source, the kept sigmas and the trajectory's tensors (start at 0). */
    private record Window(Video source, LatentShape shape, double[] sigmas, boolean normalized,
                          LatentTensor[] trajectory) {
    }

    /** Runs the whole edit; the returned video has the source's size and frame count. */
    public EditResult run(Video source, Frame editedFirst, Mask mask, StepContext ctx) {
        Instant started = Instant.now();
        ctx.begin(Stage.ENCODE, 3);
        LatentShape shape = spec.latentShape(source.frames(), source.height(), source.width());
        Latents x0 = encodeSource(source, shape, ctx);
        Conditioning inversionCondition = inversionCondition(source.frame(0), shape, ctx);
        EditCondition edit = editCondition(editedFirst, shape, ctx);
        try (LatentScope scope = kernels.openScope()) {
            Window w = invertOnBackend(scope, source, shape, x0, inversionCondition, mask != null, ctx);
            return generate(scope, w, edit, mask, Stage.GENERATE, started, ctx);
        }
    }

    /** Encodes and inverts the source; the result can be edited many times. */
    public InvertedClip invert(Video source, StepContext ctx) {
        ctx.begin(Stage.ENCODE, 2);
        LatentShape shape = spec.latentShape(source.frames(), source.height(), source.width());
        Latents x0 = encodeSource(source, shape, ctx);
        Conditioning condition = inversionCondition(source.frame(0), shape, ctx);
        List<float[]> saved = new ArrayList<>();
        double[] sigmas;
        try (LatentScope scope = kernels.openScope()) {
            Window w = invertOnBackend(scope, source, shape, x0, condition, true, ctx);
            sigmas = w.sigmas();
            for (LatentTensor level : w.trajectory()) { // the reusable inversion is kept on the host, for saving
                float[] host = new float[shape.size()];
                level.copyTo(host);
                saved.add(host);
            }
        }
        InvertedClip inverted = new InvertedClip(spec.name(), spec.version(), options, source, shape, sigmas, saved,
                options.normalize(spec), null);
        ctx.finish();
        return inverted;
    }

    /** Generates, rescales and decodes an edit from an inversion made with this model and these options. */
    public EditResult edit(InvertedClip inverted, Frame editedFirst, Mask mask, StepContext ctx) {
        Instant started = Instant.now();
        ctx.begin(Stage.ENCODE, 1);
        EditCondition edit = editCondition(editedFirst, inverted.shape(), ctx);
        try (LatentScope scope = kernels.openScope()) {
            return generate(scope, upload(scope, inverted, mask != null), edit, mask, Stage.GENERATE, started, ctx);
        }
    }

    /**
     * The reconstruction R of detail mode: generation from the inversion conditioned on the source's own first
     * frame (with the same noise as every edit), rescaled and decoded. Depends only on the inversion. Its sampling
     * is reported as {@link Stage#RECONSTRUCT}.
     */
    public EditResult reconstruct(InvertedClip inverted, StepContext ctx) {
        if (inverted.reconstruction() != null) {
            throw new IllegalArgumentException("Expected an inversion without its reconstruction but found one that"
                    + " has it; use InvertedClip.reconstruction()");
        }
        Instant started = Instant.now();
        ctx.begin(Stage.ENCODE, 1);
        EditCondition own = editCondition(inverted.source().frame(0), inverted.shape(), ctx);
        try (LatentScope scope = kernels.openScope()) {
            return generate(scope, upload(scope, inverted, false), own, null, Stage.RECONSTRUCT, started, ctx);
        }
    }

    /** Network calls to the denoiser and encoder an edit's progress counts (see ProgressListener#onOverall). */
    public int invertUnits() {
        return 2 + steps();
    }

    /** Units of {@link #edit} and of {@link #reconstruct}: encode, sampling steps, rescale, decode. */
    public int generateUnits() {
        return 3 + steps();
    }

    private int steps() {
        return options.schedule(spec).sigmas().length - 1;
    }

    private Latents encodeSource(Video source, LatentShape shape, StepContext ctx) {
        ctx.check(1);
        Latents x0 = encode(source, shape, ctx);
        kernels.scale(x0.data(), (float) spec.scalingFactor(), x0.data());
        if (options.normalize(spec)) {
            normalizer.normalize(x0);
        }
        ctx.source(shape, x0.data());
        ctx.advance();
        return x0;
    }

    private Conditioning inversionCondition(Frame source0, LatentShape shape, StepContext ctx) {
        ctx.check(2);
        float[] latents = encode(Video.of(List.of(augment(source0, AUGMENT_STREAM))), shape.withFrames(1), ctx).data();
        if (options.normalizeInversionCondition()) {
            // the authors' treatment: one mean and std over the frame's channels and pixels, then / scaling factor
            new FrameNormalizer(kernels).normalize(new Latents(shape.withFrames(1), latents));
            kernels.scale(latents, (float) (1.0 / spec.scalingFactor()), latents);
        }
        ctx.advance();
        return condition(embed(source0, ctx), latents);
    }

    private EditCondition editCondition(Frame edited, LatentShape shape, StepContext ctx) {
        // The edited frame with the same pixel-noise draw as the source's first frame (so an unedited first frame
        // conditions generation exactly as it conditioned inversion) unless the options ask for a draw of its own
        // (the authors'), and clean for the rescale target.
        ctx.check(3);
        long stream = options.separateAugmentationDraws() ? GENERATION_AUGMENT_STREAM : AUGMENT_STREAM;
        Latents both = encode(Video.of(List.of(augment(edited, stream), edited)), shape.withFrames(2), ctx);
        float[] conditionLatents = both.frames(0, 1).data();
        Latents target = both.frames(1, 2);
        kernels.scale(target.data(), (float) spec.scalingFactor(), target.data());
        ChannelStats stats = normalizer.stats(target, 0, 1);
        ctx.advance();
        return new EditCondition(condition(embed(edited, ctx), conditionLatents), stats);
    }

    /** A saved inversion on the backend: its start, and with a mask every level (uploads). */
    private static Window upload(LatentScope scope, InvertedClip inverted, boolean everyLevel) {
        LatentTensor[] trajectory = new LatentTensor[inverted.sigmas().length];
        for (int i = 0; i < trajectory.length; i++) {
            if (i == 0 || everyLevel) {
                trajectory[i] = scope.upload(inverted.level(i));
            }
        }
        return new Window(inverted.source(), inverted.shape(), inverted.sigmas(), inverted.normalized(), trajectory);
    }

    private Window invertOnBackend(LatentScope scope, Video source, LatentShape shape, Latents x0,
                                   Conditioning condition, boolean keepTrajectory, StepContext ctx) {
        double[] sigmas = options.schedule(spec).sigmas();
        ctx.begin(Stage.INVERT, sigmas.length - 1);
        LatentTensor noise = scope.upload(Noise.gaussian(shape.size(), options.seed() ^ NOISE_STREAM));
        LatentTensor[] trajectory = new Inversion(kernels, model.denoiser(), pre).run(scope, shape,
                scope.upload(x0.data()), sigmas, options.inversionMode(), options.sigmaThreshold(spec), noise,
                condition, Guidance.linear(options.inversionGuidanceMin(), options.inversionGuidanceMax(),
                        shape.frames()), keepTrajectory, ctx);
        return new Window(source, shape, sigmas, options.normalize(spec), trajectory);
    }

    private EditResult generate(LatentScope scope, Window w, EditCondition edit, Mask mask, Stage sampling,
                                Instant started, StepContext ctx) {
        float[] x = sample(scope, w, edit, mask, sampling, ctx);
        ctx.begin(Stage.RESCALE, 1);
        Latents out = rescale(w, x, edit);
        ctx.advance();
        ctx.begin(Stage.DECODE, 1);
        Video decoded = decode(w.source(), out, ctx);
        if (mask != null) {
            decoded = Composite.apply(w.source(), decoded, mask);
        }
        ctx.advance();
        ctx.finish();
        return new EditResult(decoded, provenance(w, started, ctx));
    }

    /**
     * Detail mode's two generations of one window, each stage once and in order: encode (source, both
     * conditions), invert, reconstruct (conditioned on the source's own first frame), generate (on {@code
     * condition}), rescale both, decode both; in one backend scope. With {@link OutputMode#BATCH_GENERATIONS_PROPERTY} true the two
     * samplings run in lockstep, one batched network call per step, as one GENERATE stage of 2 steps a level.
     */
    public Detailed detail(Video source, Frame condition, StepContext ctx) {
        Instant started = Instant.now();
        ctx.begin(Stage.ENCODE, 4);
        LatentShape shape = spec.latentShape(source.frames(), source.height(), source.width());
        Latents x0 = encodeSource(source, shape, ctx);
        Conditioning inversionCondition = inversionCondition(source.frame(0), shape, ctx);
        EditCondition own = editCondition(source.frame(0), shape, ctx);
        EditCondition edit = editCondition(condition, shape, ctx);
        Window w;
        float[] xr;
        float[] xe;
        try (LatentScope scope = kernels.openScope()) {
            w = invertOnBackend(scope, source, shape, x0, inversionCondition, false, ctx);
            if (batchGenerations) {
                float[][] both = samplePair(scope, w, own, edit, ctx);
                xr = both[0];
                xe = both[1];
            } else {
                xr = sample(scope, w, own, null, Stage.RECONSTRUCT, ctx);
                xe = sample(scope, w, edit, null, Stage.GENERATE, ctx);
            }
        }
        ctx.begin(Stage.RESCALE, 2);
        Latents lr = rescale(w, xr, own);
        ctx.advance();
        Latents le = rescale(w, xe, edit);
        ctx.advance();
        ctx.begin(Stage.DECODE, 2);
        Video r = decode(source, lr, ctx);
        ctx.advance();
        Video e = decode(source, le, ctx);
        ctx.advance();
        ctx.finish();
        return new Detailed(r, new EditResult(e, provenance(w, started, ctx)));
    }

    /**
     * The reconstruction's and the edit's samplings from the window's start in lockstep, one network call per step for
     * both (a batch of 4 with guidance), reported as one {@link Stage#GENERATE} stage of two steps per level.
     */
    private float[][] samplePair(LatentScope scope, Window w, EditCondition own, EditCondition edit,
                                 StepContext ctx) {
        LatentShape shape = w.shape();
        double[] sigmas = w.sigmas();
        ctx.begin(Stage.GENERATE, 2 * (sigmas.length - 1));
        LatentTensor r = scope.zeros(shape.size());
        LatentTensor e = scope.zeros(shape.size());
        scope.copy(w.trajectory()[0], r);
        scope.copy(w.trajectory()[0], e);
        new Generation(kernels, model.denoiser(), pre).runPair(scope, shape, r, e, sigmas, own.condition(),
                edit.condition(), Guidance.linear(options.guidanceMin(spec), options.guidanceMax(spec),
                        shape.frames()), ctx);
        float[][] out = {new float[shape.size()], new float[shape.size()]};
        r.copyTo(out[0]);
        e.copyTo(out[1]);
        return out;
    }

    /** What {@link #detail} makes of a window: the model's reconstruction of the source, and the edit. */
    public record Detailed(Video reconstruction, EditResult edit) {
    }

    /** Generation from the window's start on the backend; the result copied out once (the rescale's input). */
    private float[] sample(LatentScope scope, Window w, EditCondition edit, Mask mask, Stage sampling,
                           StepContext ctx) {
        LatentShape shape = w.shape();
        double[] sigmas = w.sigmas();
        ctx.begin(sampling, sigmas.length - 1);
        LatentTensor x = scope.zeros(shape.size());
        scope.copy(w.trajectory()[0], x);
        LatentTensor latentMask = mask == null ? null : scope.upload(latentMask(mask, shape));
        new Generation(kernels, model.denoiser(), pre).run(scope, shape, x, sigmas, edit.condition(),
                Guidance.linear(options.guidanceMin(spec), options.guidanceMax(spec), shape.frames()), latentMask,
                w.trajectory(), ctx);
        float[] out = new float[shape.size()];
        x.copyTo(out);
        return out;
    }

    /** The rescale to the conditioning frame's statistics and the VAE's unscaling, in place on {@code x}. */
    private Latents rescale(Window w, float[] x, EditCondition edit) {
        Latents out = new Latents(w.shape(), x);
        if (w.normalized()) {
            normalizer.rescaleFirstFrameTo(out, edit.target());
        }
        kernels.scale(x, (float) (1.0 / spec.scalingFactor()), x);
        return out;
    }

    private Video decode(Video source, Latents latents, StepContext ctx) {
        long t0 = System.nanoTime();
        Video decoded = model.encoder().decode(latents);
        ctx.addModelTime(System.nanoTime() - t0);
        if (decoded.frames() != source.frames() || decoded.width() != source.width()
                || decoded.height() != source.height()) {
            throw new IllegalStateException("Expected the decoder to return " + source.frames() + " frames of "
                    + source.width() + "x" + source.height() + " but found " + decoded);
        }
        return decoded;
    }

    /** Provenance records the guidance and Sigma used: the model's recommendation where the options left them. */
    private Provenance provenance(Window w, Instant started, StepContext ctx) {
        Video source = w.source();
        return new Provenance(LibraryVersion.get(), spec.name(), spec.version(), kernels.name(),
                options.resolvedFor(spec), Arrays.stream(w.sigmas()).boxed().toList(), source.frames(),
                source.width(), source.height(), System.getProperty("java.version"), started, ctx.stageNanos(),
                ctx.modelNanos());
    }

    /** The mask at latent resolution, area-averaged, repeated over channels: shape.size() weights. */
    private static float[] latentMask(Mask mask, LatentShape shape) {
        Mask small = mask.resize(shape.width(), shape.height());
        float[] out = new float[shape.size()];
        int plane = shape.planeSize();
        for (int t = 0; t < shape.frames(); t++) {
            float[] p = small.plane(t);
            for (int c = 0; c < shape.channels(); c++) {
                System.arraycopy(p, 0, out, (t * shape.channels() + c) * plane, plane);
            }
        }
        return out;
    }

    private Latents encode(Video video, LatentShape expected, StepContext ctx) {
        long t0 = System.nanoTime();
        Latents l = model.encoder().encode(video);
        ctx.addModelTime(System.nanoTime() - t0);
        if (!l.shape().equals(expected)) {
            throw new IllegalStateException("Expected the encoder to return latents " + expected + " but found "
                    + l.shape());
        }
        return l;
    }

    private float[] embed(Frame image, StepContext ctx) {
        long t0 = System.nanoTime();
        float[] e = model.embedder().embed(image);
        ctx.addModelTime(System.nanoTime() - t0);
        if (e.length != spec.embeddingDim()) {
            throw new IllegalStateException("Expected an embedding of " + spec.embeddingDim() + " floats but found "
                    + e.length);
        }
        return e;
    }

    private Conditioning condition(float[] embedding, float[] latents) {
        return new Conditioning(embedding, latents, options.fps(spec), options.motionBucketId(spec),
                options.noiseAugStrength(spec));
    }

    /** SVD's conditioning augmentation: strength * N(0, 1) in [-1, 1] pixel space, i.e. half that in [0, 1]. */
    private Frame augment(Frame f, long stream) {
        float[] noise = Noise.gaussian(f.size(), options.seed() ^ stream);
        float[] d = f.data();
        float a = (float) (0.5 * options.noiseAugStrength(spec));
        for (int i = 0; i < d.length; i++) {
            d[i] += a * noise[i];
        }
        return new Frame(f.height(), f.width(), d);
    }
}
