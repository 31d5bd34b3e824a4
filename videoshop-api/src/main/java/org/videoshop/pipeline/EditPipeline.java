package org.videoshop.pipeline;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.videoshop.EditResult;
import org.videoshop.LibraryVersion;
import org.videoshop.Provenance;
import org.videoshop.Stage;
import org.videoshop.VideoshopOptions;
import org.videoshop.diffusion.ChannelNormalizer;
import org.videoshop.diffusion.ChannelStats;
import org.videoshop.diffusion.LatentNormalizer;
import org.videoshop.diffusion.Preconditioning;
import org.videoshop.kernel.LatentKernels;
import org.videoshop.model.Conditioning;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Latents;
import org.videoshop.tensor.Video;

/**
 * Videoshop's four stages on one clip at a size the model takes: (1) encode and normalise, (2) invert with
 * the source's first frame as condition, (3) generate conditioned on the edited first frame, (4) rescale to
 * the edited frame's latent statistics and decode. Inputs must already be validated
 * ({@link org.videoshop.EditInputs}). Immutable and thread-safe; each run owns its buffers.
 */
public final class EditPipeline {

    private static final long NOISE_STREAM = 0x9E3779B97F4A7C15L;
    private static final long AUGMENT_STREAM = 0xC2B2AE3D27D4EB4FL;

    private final VideoshopModel model;
    private final ModelSpec spec;
    private final LatentKernels kernels;
    private final VideoshopOptions options;
    private final LatentNormalizer normalizer;
    private final Preconditioning pre;

    public EditPipeline(VideoshopModel model, LatentKernels kernels, VideoshopOptions options) {
        this.model = model;
        this.spec = model.spec();
        this.kernels = kernels;
        this.options = options;
        this.normalizer = new ChannelNormalizer(kernels);
        this.pre = spec.preconditioning();
    }

    /** Runs the edit; the returned video has the source's size and frame count. */
    public EditResult run(Video source, Frame editedFirst, StepContext ctx) {
        Instant started = Instant.now();
        int frames = source.frames();
        LatentShape shape = spec.latentShape(frames, source.height(), source.width());
        double[] sigmas = options.schedule(spec).sigmas();
        boolean normalize = options.normalize(spec);
        double sf = spec.scalingFactor();

        // 1. Encode and normalise.
        ctx.begin(Stage.ENCODE, 3);
        Latents x0 = encode(source, shape, ctx);
        kernels.scale(x0.data(), (float) sf, x0.data());
        ctx.stepDone(1, 3, 0, shape, null);
        if (normalize) {
            normalizer.normalize(x0);
        }
        // Conditioning images: source frame 0 and the edited frame with the same pixel-noise draw (so an
        // unedited first frame conditions generation exactly as it conditioned inversion), and the clean edit.
        Frame src0 = source.frame(0);
        float[] augNoise = gaussian(src0.size(), options.seed() ^ AUGMENT_STREAM);
        double aug = options.noiseAugStrength(spec);
        Video condImages = Video.of(List.of(augment(src0, augNoise, aug), augment(editedFirst, augNoise, aug),
                editedFirst));
        Latents cond = encode(condImages, shape.withFrames(3), ctx);
        ctx.stepDone(2, 3, 0, shape, null);
        float[] inversionLatents = cond.frames(0, 1).data();
        if (options.normalizeInversionCondition()) {
            Latents c = new Latents(shape.withFrames(1), inversionLatents);
            normalizer.normalize(c);
            kernels.scale(inversionLatents, (float) (1.0 / sf), inversionLatents);
        }
        float[] generationLatents = cond.frames(1, 2).data();
        Latents target = cond.frames(2, 3);
        kernels.scale(target.data(), (float) sf, target.data());
        ChannelStats targetStats = normalizer.stats(target, 0, 1);
        Conditioning inversionCondition = condition(embed(src0, ctx), inversionLatents);
        Conditioning generationCondition = condition(embed(editedFirst, ctx), generationLatents);
        ctx.stepDone(3, 3, 0, shape, null);

        // 2. Invert.
        int steps = sigmas.length - 1;
        ctx.begin(Stage.INVERT, steps);
        float[] noise = gaussian(shape.size(), options.seed() ^ NOISE_STREAM);
        float[] x = new Inversion(kernels, model.denoiser(), pre).run(shape, x0.data(), sigmas,
                options.inversionMode(), options.sigmaThreshold(), noise, inversionCondition,
                Guidance.linear(options.inversionGuidanceMin(), options.inversionGuidanceMax(), frames), ctx);

        // 3. Generate.
        ctx.begin(Stage.GENERATE, steps);
        new Generation(kernels, model.denoiser(), pre).run(shape, x, sigmas, generationCondition,
                Guidance.linear(options.guidanceMin(), options.guidanceMax(), frames), ctx);

        // 4. Rescale and decode.
        ctx.begin(Stage.RESCALE, 1);
        Latents out = new Latents(shape, x);
        if (normalize) {
            normalizer.rescaleFirstFrameTo(out, targetStats);
        }
        kernels.scale(x, (float) (1.0 / sf), x);
        ctx.stepDone(1, 1, 0, shape, null);
        ctx.begin(Stage.DECODE, 1);
        long t0 = System.nanoTime();
        Video decoded = model.encoder().decode(out);
        ctx.addModelTime(System.nanoTime() - t0);
        if (decoded.frames() != frames || decoded.width() != source.width() || decoded.height() != source.height()) {
            throw new IllegalStateException("Expected the decoder to return " + frames + " frames of "
                    + source.width() + "x" + source.height() + " but found " + decoded);
        }
        ctx.stepDone(1, 1, 0, shape, null);
        ctx.finish();
        Provenance provenance = new Provenance(LibraryVersion.get(), spec.name(), spec.version(), kernels.name(),
                options, Arrays.stream(sigmas).boxed().toList(), frames, source.width(), source.height(),
                System.getProperty("java.version"), started, ctx.stageNanos(), ctx.modelNanos());
        return new EditResult(decoded, provenance);
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
    private static Frame augment(Frame f, float[] noise, double strength) {
        float[] d = f.data().clone();
        float a = (float) (0.5 * strength);
        for (int i = 0; i < d.length; i++) {
            d[i] += a * noise[i];
        }
        return new Frame(f.height(), f.width(), d);
    }

    /** n standard normal floats from a seeded {@link Random} (its Gaussian algorithm is fixed by the JDK spec). */
    static float[] gaussian(int n, long seed) {
        Random r = new Random(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) r.nextGaussian();
        }
        return out;
    }
}
