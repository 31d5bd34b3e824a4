package org.videoshop.pipeline;

import java.util.List;
import org.videoshop.VideoshopOptions;
import org.videoshop.diffusion.ChannelStats;
import org.videoshop.diffusion.FrameNormalizer;
import org.videoshop.diffusion.LatentNormalizer;
import org.videoshop.kernel.LatentKernels;
import org.videoshop.kernel.LatentScope;
import org.videoshop.kernel.LatentTensor;
import org.videoshop.model.Conditioning;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Latents;
import org.videoshop.tensor.Noise;
import org.videoshop.tensor.Video;

/**
 * The network boundary of {@link EditPipeline}'s windows: the encoder's outputs go onto the window's backend scope
 * (one host transfer each), are scaled, normalised and measured there ({@link LatentNormalizer}'s tensor forms), and
 * a generation's result is rescaled there and copied out once, as the decoder's input. The inversion condition's
 * latents, a denoiser input, come back to the host after their normalisation; the edit condition's go to the
 * denoiser as the encoder gave them. Immutable and thread-safe.
 */
final class WindowLatents {

    static final long AUGMENT_STREAM = 0xC2B2AE3D27D4EB4FL;
    /** The generation condition's own augmentation draw, with {@link VideoshopOptions#separateAugmentationDraws()}. */
    static final long GENERATION_AUGMENT_STREAM = 0x165667B19E3779F9L;

    private final VideoshopModel model;
    private final ModelSpec spec;
    private final LatentKernels kernels;
    private final VideoshopOptions options;
    private final LatentNormalizer normalizer;

    WindowLatents(VideoshopModel model, LatentKernels kernels, VideoshopOptions options, LatentNormalizer normalizer) {
        this.model = model;
        this.spec = model.spec();
        this.kernels = kernels;
        this.options = options;
        this.normalizer = normalizer;
    }

    /** The conditioning and rescale target derived from the edited first frame. */
    record EditCondition(Conditioning condition, ChannelStats target) {
    }

    /** The source's clean latents x0 on the backend: encoded, scaled and (if the options say so) normalised. */
    LatentTensor source(LatentScope scope, Video source, LatentShape shape, StepContext ctx) {
        ctx.check(1);
        LatentTensor x0 = scope.upload(encode(source, shape, ctx).data());
        scope.scale(x0, (float) spec.scalingFactor(), x0);
        if (options.normalize(spec)) {
            normalizer.normalize(scope, x0, shape);
        }
        if (ctx.observing()) {
            float[] observed = new float[shape.size()];
            x0.copyTo(observed);
            ctx.source(shape, observed);
        }
        ctx.advance();
        return x0;
    }

    /** The inversion's condition: the source's first frame, augmented, encoded and (authors' option) normalised. */
    Conditioning inversionCondition(LatentScope scope, Frame source0, LatentShape shape, StepContext ctx) {
        ctx.check(2);
        LatentShape one = shape.withFrames(1);
        float[] latents = encode(Video.of(List.of(augment(source0, AUGMENT_STREAM))), one, ctx).data();
        if (options.normalizeInversionCondition()) {
            // the authors' treatment: one mean and std over the frame's channels and pixels, then / scaling factor
            LatentTensor t = scope.upload(latents);
            new FrameNormalizer(kernels).normalize(scope, t, one);
            scope.scale(t, (float) (1.0 / spec.scalingFactor()), t);
            t.copyTo(latents);
        }
        ctx.advance();
        return condition(embed(source0, ctx), latents);
    }

    /**
     * The edited frame with the same pixel-noise draw as the source's first frame (so an unedited first frame
     * conditions generation exactly as it conditioned inversion) unless the options ask for a draw of its own (the
     * authors'), and clean for the rescale target, whose statistics are measured on the backend.
     */
    EditCondition editCondition(LatentScope scope, Frame edited, LatentShape shape, StepContext ctx) {
        ctx.check(3);
        long stream = options.separateAugmentationDraws() ? GENERATION_AUGMENT_STREAM : AUGMENT_STREAM;
        Latents both = encode(Video.of(List.of(augment(edited, stream), edited)), shape.withFrames(2), ctx);
        float[] conditionLatents = both.frames(0, 1).data();
        LatentTensor target = scope.upload(both.frames(1, 2).data());
        scope.scale(target, (float) spec.scalingFactor(), target);
        ChannelStats stats = normalizer.stats(scope, target, shape.withFrames(1), 0, 1);
        ctx.advance();
        return new EditCondition(condition(embed(edited, ctx), conditionLatents), stats);
    }

    /**
     * The rescale to the conditioning frame's statistics and the VAE's unscaling, in place on the backend's {@code x},
     * then the decoder's input copied out.
     */
    Latents rescaled(LatentScope scope, LatentTensor x, LatentShape shape, boolean normalized, EditCondition edit) {
        if (normalized) {
            normalizer.rescaleFirstFrameTo(scope, x, shape, edit.target());
        }
        scope.scale(x, (float) (1.0 / spec.scalingFactor()), x);
        float[] out = new float[shape.size()];
        x.copyTo(out);
        return new Latents(shape, out);
    }

    Video decode(Video source, Latents latents, StepContext ctx) {
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
