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
import org.videoshop.diffusion.Normalizers;
import org.videoshop.diffusion.Preconditioning;
import org.videoshop.kernel.LatentKernels;
import org.videoshop.kernel.LatentScope;
import org.videoshop.kernel.LatentTensor;
import org.videoshop.model.Conditioning;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;
import org.videoshop.pipeline.WindowLatents.EditCondition;
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
 * of a window live in one {@link LatentScope} of the backend from the encoder's output to the decoder's input
 * ({@link WindowLatents}): no host copy per step, and per window only at the network boundary, for observers, for
 * the seeded noise draw and the mask, and for saving (reusable inversions, {@link #invert}, copy every level out).
 */
public final class EditPipeline {

    private static final long NOISE_STREAM = 0x9E3779B97F4A7C15L;

    private final VideoshopModel model;
    private final ModelSpec spec;
    private final LatentKernels kernels;
    private final VideoshopOptions options;
    private final WindowLatents latents;
    private final Preconditioning pre;
    private final boolean batchGenerations;

    public EditPipeline(VideoshopModel model, LatentKernels kernels, VideoshopOptions options) {
        this.batchGenerations = "true".equalsIgnoreCase(System.getProperty(OutputMode.BATCH_GENERATIONS_PROPERTY));
        this.model = model;
        this.spec = model.spec();
        this.kernels = kernels;
        this.options = options;
        this.latents = new WindowLatents(model, kernels, options, Normalizers.create(options.normalization(), kernels));
        this.pre = spec.preconditioning();
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
        try (LatentScope scope = kernels.openScope()) {
            LatentTensor x0 = latents.source(scope, source, shape, ctx);
            Conditioning inversionCondition = latents.inversionCondition(scope, source.frame(0), shape, ctx);
            EditCondition edit = latents.editCondition(scope, editedFirst, shape, ctx);
            Window w = invertOnBackend(scope, source, shape, x0, inversionCondition, mask != null, ctx);
            return generate(scope, w, edit, mask, Stage.GENERATE, started, ctx);
        }
    }

    /** Encodes and inverts the source; the result can be edited many times. */
    public InvertedClip invert(Video source, StepContext ctx) {
        ctx.begin(Stage.ENCODE, 2);
        LatentShape shape = spec.latentShape(source.frames(), source.height(), source.width());
        List<float[]> saved = new ArrayList<>();
        double[] sigmas;
        try (LatentScope scope = kernels.openScope()) {
            LatentTensor x0 = latents.source(scope, source, shape, ctx);
            Conditioning condition = latents.inversionCondition(scope, source.frame(0), shape, ctx);
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
        try (LatentScope scope = kernels.openScope()) {
            EditCondition edit = latents.editCondition(scope, editedFirst, inverted.shape(), ctx);
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
        try (LatentScope scope = kernels.openScope()) {
            EditCondition own = latents.editCondition(scope, inverted.source().frame(0), inverted.shape(), ctx);
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

    private Window invertOnBackend(LatentScope scope, Video source, LatentShape shape, LatentTensor x0,
                                   Conditioning condition, boolean keepTrajectory, StepContext ctx) {
        double[] sigmas = options.schedule(spec).sigmas();
        ctx.begin(Stage.INVERT, sigmas.length - 1);
        LatentTensor noise = scope.upload(Noise.gaussian(shape.size(), options.seed() ^ NOISE_STREAM));
        LatentTensor[] trajectory = new Inversion(kernels, model.denoiser(), pre).run(scope, shape,
                x0, sigmas, options.inversionMode(), options.sigmaThreshold(spec), noise,
                condition, Guidance.linear(options.inversionGuidanceMin(), options.inversionGuidanceMax(),
                        shape.frames()), keepTrajectory, ctx);
        return new Window(source, shape, sigmas, options.normalize(spec), trajectory);
    }

    private EditResult generate(LatentScope scope, Window w, EditCondition edit, Mask mask, Stage sampling,
                                Instant started, StepContext ctx) {
        LatentTensor x = sample(scope, w, edit, mask, sampling, ctx);
        ctx.begin(Stage.RESCALE, 1);
        Latents out = latents.rescaled(scope, x, w.shape(), w.normalized(), edit);
        ctx.advance();
        ctx.begin(Stage.DECODE, 1);
        Video decoded = latents.decode(w.source(), out, ctx);
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
        try (LatentScope scope = kernels.openScope()) {
            LatentTensor x0 = latents.source(scope, source, shape, ctx);
            Conditioning inversionCondition = latents.inversionCondition(scope, source.frame(0), shape, ctx);
            EditCondition own = latents.editCondition(scope, source.frame(0), shape, ctx);
            EditCondition edit = latents.editCondition(scope, condition, shape, ctx);
            Window w = invertOnBackend(scope, source, shape, x0, inversionCondition, false, ctx);
            LatentTensor xr;
            LatentTensor xe;
            if (batchGenerations) {
                LatentTensor[] both = samplePair(scope, w, own, edit, ctx);
                xr = both[0];
                xe = both[1];
            } else {
                xr = sample(scope, w, own, null, Stage.RECONSTRUCT, ctx);
                xe = sample(scope, w, edit, null, Stage.GENERATE, ctx);
            }
            ctx.begin(Stage.RESCALE, 2);
            Latents lr = latents.rescaled(scope, xr, shape, w.normalized(), own);
            ctx.advance();
            Latents le = latents.rescaled(scope, xe, shape, w.normalized(), edit);
            ctx.advance();
            ctx.begin(Stage.DECODE, 2);
            Video r = latents.decode(source, lr, ctx);
            ctx.advance();
            Video e = latents.decode(source, le, ctx);
            ctx.advance();
            ctx.finish();
            return new Detailed(r, new EditResult(e, provenance(w, started, ctx)));
        }
    }

    /**
     * The reconstruction's and the edit's samplings from the window's start in lockstep, one network call per step for
     * both (a batch of 4 with guidance), reported as one {@link Stage#GENERATE} stage of two steps per level.
     */
    private LatentTensor[] samplePair(LatentScope scope, Window w, EditCondition own, EditCondition edit,
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
        return new LatentTensor[] {r, e};
    }

    /** What {@link #detail} makes of a window: the model's reconstruction of the source, and the edit. */
    public record Detailed(Video reconstruction, EditResult edit) {
    }

    /** Generation from the window's start on the backend; the result stays there (the rescale's input). */
    private LatentTensor sample(LatentScope scope, Window w, EditCondition edit, Mask mask, Stage sampling,
                                StepContext ctx) {
        LatentShape shape = w.shape();
        double[] sigmas = w.sigmas();
        ctx.begin(sampling, sigmas.length - 1);
        LatentTensor x = scope.zeros(shape.size());
        scope.copy(w.trajectory()[0], x);
        LatentTensor latentMask = mask == null ? null : scope.upload(mask.latentWeights(shape));
        new Generation(kernels, model.denoiser(), pre).run(scope, shape, x, sigmas, edit.condition(),
                Guidance.linear(options.guidanceMin(spec), options.guidanceMax(spec), shape.frames()), latentMask,
                w.trajectory(), ctx);
        return x;
    }

    /** Provenance records the guidance and Sigma used: the model's recommendation where the options left them. */
    private Provenance provenance(Window w, Instant started, StepContext ctx) {
        Video source = w.source();
        return new Provenance(LibraryVersion.get(), spec.name(), spec.version(), kernels.name(),
                options.resolvedFor(spec), Arrays.stream(w.sigmas()).boxed().toList(), source.frames(),
                source.width(), source.height(), System.getProperty("java.version"), started, ctx.stageNanos(),
                ctx.modelNanos());
    }
}
