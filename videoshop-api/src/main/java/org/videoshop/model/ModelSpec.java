package org.videoshop.model;

import org.videoshop.diffusion.Preconditioning;
import org.videoshop.tensor.LatentShape;

/**
 * What the pipeline must know about a model, read from its bundle manifest. Immutable.
 *
 * @param name              the model's name, e.g. {@code tiny} or {@code svd-xt}
 * @param version           the model's version or checksum, recorded in provenance
 * @param latentChannels    C
 * @param downscale         pixel-to-latent factor f (H = f h)
 * @param scalingFactor     the VAE's latent scaling factor (SVD: 0.18215)
 * @param normalizePerVideo whether video latents are normalised channel-wise per video (SVD: true)
 * @param nativeFrames      the frame count the model was trained on
 * @param maxFrames         the most frames one denoiser call accepts
 * @param width             native pixel width
 * @param height            native pixel height
 * @param preconditioning   how F becomes D
 * @param sigmaMin          schedule's lowest sigma
 * @param sigmaMax          schedule's highest sigma
 * @param rho               schedule's rho
 * @param fps               default fps conditioning
 * @param motionBucketId    default motion bucket
 * @param noiseAugStrength  default conditioning noise augmentation
 * @param embeddingDim      length of the image embedding
 * @param sizeMultiple      what every pixel width and height must be a multiple of: the downscale factor times
 *                          the UNet's own down-sampling (a UNet that halves the latent grid twice needs it
 *                          divisible by 4); equals {@code downscale} when the model says nothing more
 * @param guidanceMin       recommended classifier-free guidance during generation, first frame, {@code >= 0}
 *                          (SVD: 1; {@link #SVD_GUIDANCE_MIN} when the model says nothing)
 * @param guidanceMax       recommended classifier-free guidance during generation, last frame, {@code >= 0}
 *                          (SVD: 3; {@link #SVD_GUIDANCE_MAX} when the model says nothing)
 * @param sigmaThreshold    recommended inversion threshold Sigma, {@code >= 0}: at or below it noise-extrapolated
 *                          inversion uses x0 plus fixed noise instead of extrapolation (the paper's and SVD's: 1;
 *                          {@link #PAPER_SIGMA_THRESHOLD} when the model says nothing)
 */
public record ModelSpec(String name, String version, int latentChannels, int downscale, double scalingFactor,
                        boolean normalizePerVideo, int nativeFrames, int maxFrames, int width, int height,
                        Preconditioning preconditioning, double sigmaMin, double sigmaMax, double rho,
                        double fps, double motionBucketId, double noiseAugStrength, int embeddingDim,
                        int sizeMultiple, double guidanceMin, double guidanceMax, double sigmaThreshold) {

    /** SVD's guidance on the first frame (diffusers' {@code min_guidance_scale}): the default recommendation. */
    public static final double SVD_GUIDANCE_MIN = 1.0;

    /** SVD's guidance on the last frame (diffusers' {@code max_guidance_scale}): the default recommendation. */
    public static final double SVD_GUIDANCE_MAX = 3.0;

    /** The paper's inversion threshold Sigma (also SVD's): the default recommendation. */
    public static final double PAPER_SIGMA_THRESHOLD = 1.0;

    /**
     * A spec whose size multiple is the downscale factor, whose guidance is SVD's (1 to 3) and whose Sigma is the
     * paper's (1).
     */
    public ModelSpec(String name, String version, int latentChannels, int downscale, double scalingFactor,
                     boolean normalizePerVideo, int nativeFrames, int maxFrames, int width, int height,
                     Preconditioning preconditioning, double sigmaMin, double sigmaMax, double rho,
                     double fps, double motionBucketId, double noiseAugStrength, int embeddingDim) {
        this(name, version, latentChannels, downscale, scalingFactor, normalizePerVideo, nativeFrames, maxFrames,
                width, height, preconditioning, sigmaMin, sigmaMax, rho, fps, motionBucketId, noiseAugStrength,
                embeddingDim, downscale, SVD_GUIDANCE_MIN, SVD_GUIDANCE_MAX, PAPER_SIGMA_THRESHOLD);
    }

    /** A spec whose recommended guidance is SVD's (1 to 3) and whose Sigma is the paper's (1). */
    public ModelSpec(String name, String version, int latentChannels, int downscale, double scalingFactor,
                     boolean normalizePerVideo, int nativeFrames, int maxFrames, int width, int height,
                     Preconditioning preconditioning, double sigmaMin, double sigmaMax, double rho,
                     double fps, double motionBucketId, double noiseAugStrength, int embeddingDim,
                     int sizeMultiple) {
        this(name, version, latentChannels, downscale, scalingFactor, normalizePerVideo, nativeFrames, maxFrames,
                width, height, preconditioning, sigmaMin, sigmaMax, rho, fps, motionBucketId, noiseAugStrength,
                embeddingDim, sizeMultiple, SVD_GUIDANCE_MIN, SVD_GUIDANCE_MAX, PAPER_SIGMA_THRESHOLD);
    }

    public ModelSpec {
        require(name != null && !name.isBlank(), "name", "a non-blank name", name);
        require(version != null, "version", "a version string", version);
        require(latentChannels >= 1, "latentChannels", ">= 1", latentChannels);
        require(downscale >= 1, "downscale", ">= 1", downscale);
        require(scalingFactor > 0 && Double.isFinite(scalingFactor), "scalingFactor", "> 0", scalingFactor);
        require(nativeFrames >= 1, "nativeFrames", ">= 1", nativeFrames);
        require(maxFrames >= nativeFrames, "maxFrames", ">= nativeFrames (" + nativeFrames + ")", maxFrames);
        require(width >= downscale && width % downscale == 0, "width", "a multiple of downscale " + downscale, width);
        require(height >= downscale && height % downscale == 0, "height", "a multiple of downscale " + downscale,
                height);
        require(preconditioning != null, "preconditioning", "a preconditioning", null);
        require(sigmaMin > 0, "sigmaMin", "> 0", sigmaMin);
        require(sigmaMax > sigmaMin, "sigmaMax", "> sigmaMin (" + sigmaMin + ")", sigmaMax);
        require(rho > 0, "rho", "> 0", rho);
        require(fps > 0, "fps", "> 0", fps);
        require(motionBucketId >= 0, "motionBucketId", ">= 0", motionBucketId);
        require(noiseAugStrength >= 0, "noiseAugStrength", ">= 0", noiseAugStrength);
        require(embeddingDim >= 1, "embeddingDim", ">= 1", embeddingDim);
        require(sizeMultiple >= downscale && sizeMultiple % downscale == 0, "sizeMultiple",
                "a multiple of downscale " + downscale, sizeMultiple);
        require(width % sizeMultiple == 0 && height % sizeMultiple == 0, "width and height",
                "multiples of sizeMultiple " + sizeMultiple, width + "x" + height);
        require(guidanceMin >= 0 && Double.isFinite(guidanceMin), "guidanceMin", ">= 0 and finite", guidanceMin);
        require(guidanceMax >= 0 && Double.isFinite(guidanceMax), "guidanceMax", ">= 0 and finite", guidanceMax);
        require(sigmaThreshold >= 0 && Double.isFinite(sigmaThreshold), "sigmaThreshold", ">= 0 and finite",
                sigmaThreshold);
    }

    private static void require(boolean ok, String field, String expected, Object found) {
        if (!ok) {
            throw new IllegalArgumentException("Expected model " + field + " " + expected + " but found " + found);
        }
    }

    /** The latent shape of a clip of {@code frames} frames at pixel size width x height. */
    public LatentShape latentShape(int frames, int pixelHeight, int pixelWidth) {
        return new LatentShape(frames, latentChannels, pixelHeight / downscale, pixelWidth / downscale);
    }
}
