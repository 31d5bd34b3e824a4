package org.videoshop;

import org.videoshop.diffusion.InversionSchedule;
import org.videoshop.diffusion.LatentNormalization;
import org.videoshop.diffusion.Normalizers;
import org.videoshop.diffusion.ScheduleParameters;
import org.videoshop.diffusion.Schedules;
import org.videoshop.diffusion.SigmaSpacing;
import org.videoshop.model.ModelSpec;

/**
 * Settings of an edit: immutable, validated in one place (the canonical constructor), built with
 * {@link #builder()}. Components that are {@code null} take the model's default (from its manifest).
 *
 * @param strength                    fraction of the schedule kept, in (0, 1]: the edit starts from an intermediate
 *                                    noise level (default 0.55)
 * @param steps                       N, steps of the full schedule (default 25)
 * @param sigmaMin                    schedule's lowest sigma, or null for the model's
 * @param sigmaMax                    schedule's highest sigma, or null for the model's
 * @param rho                         Karras schedule's rho, or null for the model's
 * @param sigmaThreshold              Sigma: at or below it inversion uses fixed noise instead of extrapolation, or
 *                                    null for the model's recommendation (the paper's and SVD's: 1; the bundled
 *                                    tiny model's: 0.25)
 * @param inversionMode               extrapolated (Videoshop) or naive
 * @param normalize                   channel-wise latent normalisation and the final rescale, or null for the model's
 * @param inversionGuidanceMin        classifier-free guidance during inversion, first frame (default 1 = none)
 * @param inversionGuidanceMax        classifier-free guidance during inversion, last frame (default 1 = none)
 * @param guidanceMin                 guidance during generation, first frame, or null for the model's
 *                                    recommendation (SVD's: 1); set together with {@code guidanceMax}
 * @param guidanceMax                 guidance during generation, last frame, or null for the model's
 *                                    recommendation (SVD's: 3); set together with {@code guidanceMin}
 * @param fps                         fps conditioning, or null for the model's
 * @param motionBucketId              motion bucket conditioning, or null for the model's
 * @param noiseAugStrength            conditioning noise augmentation, or null for the model's
 * @param seed                        seed of every random draw of the edit
 * @param normalizeInversionCondition as the authors' code: normalise the inversion's conditioning latents with
 *                                    one mean and (unbiased) std over the frame and divide them by the scaling
 *                                    factor (default false: raw latents, as generation uses them, reconstructed
 *                                    29.8 dB against 26.4 dB with a per-channel variant of that treatment on the
 *                                    tiny model)
 * @param backend                     latent backend name, or null for the default ({@code -Dvideoshop.backend})
 * @param windowFrames                frames per window for clips longer than it, or null for the model's
 *                                    native frame count
 * @param windowOverlap               frames shared by adjacent windows (at least 1; default 2)
 * @param workingSize                 the size the model runs at, or null for automatic: the clip's aspect at
 *                                    about the model's native pixel count, rounded to its size multiple
 *                                    ({@link WorkingSize#automatic}); when set it must be a multiple of the
 *                                    model's size multiple (checked when the editor is made)
 * @param outputMode                  what an edit of images returns (default {@link OutputMode#DETAIL})
 * @param normalization               how the video latents are normalised when {@code normalize} is on: the name
 *                                    of a {@link org.videoshop.diffusion.NormalizerProvider} ({@link Normalizers}):
 *                                    {@code per-channel} (the paper; default), {@code per-frame} (the authors'
 *                                    run.py) or one registered by the caller; any case, stored as registered
 * @param separateAugmentationDraws   draw the generation condition's augmentation noise separately from the
 *                                    inversion condition's, as the authors' code does (default false: one draw,
 *                                    so an unedited first frame conditions generation exactly as inversion)
 * @param sigmaSpacing                how the schedule spaces its levels between sigmaMax and sigmaMin: the name
 *                                    of a {@link org.videoshop.diffusion.ScheduleProvider} ({@link Schedules}):
 *                                    {@code karras} (SVD's and the paper's; default), {@code exponential} (evenly
 *                                    in log sigma) or one registered by the caller; any case, stored as registered
 */
public record VideoshopOptions(double strength, int steps, Double sigmaMin, Double sigmaMax, Double rho,
                               Double sigmaThreshold, InversionMode inversionMode, Boolean normalize,
                               double inversionGuidanceMin, double inversionGuidanceMax,
                               Double guidanceMin, Double guidanceMax, Double fps, Double motionBucketId,
                               Double noiseAugStrength, long seed, boolean normalizeInversionCondition,
                               String backend, Integer windowFrames, int windowOverlap, FrameSize workingSize,
                               OutputMode outputMode, String normalization,
                               boolean separateAugmentationDraws, String sigmaSpacing) {

    /** Largest accepted step count. */
    public static final int MAX_STEPS = 1000;

    /** Checks every range ({@link OptionRanges}), the one place; keeps provider names as the providers spell them. */
    public VideoshopOptions {
        sigmaSpacing = OptionRanges.schedule(strength, steps, sigmaMin, sigmaMax, rho, sigmaSpacing);
        normalization = OptionRanges.inversion(sigmaThreshold, inversionMode, inversionGuidanceMin,
                inversionGuidanceMax, normalization);
        OptionRanges.generation(guidanceMin, guidanceMax, outputMode);
        OptionRanges.conditioning(fps, motionBucketId, noiseAugStrength);
        OptionRanges.execution(backend, windowFrames, windowOverlap);
    }

    /**
     * The defaults: strength 0.55, 25 steps, extrapolated inversion, seed 42, detail-preserving output at the
     * automatic working size; guidance and Sigma: the model's
     * recommendation (SVD: 1 to 3 and 1); schedule, normalisation, fps, motion bucket, noise augmentation and
     * window: the model's.
     */
    public static VideoshopOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The paper authors' run (sfanxiang/videoshop run.py) exactly: per-frame normalisation, their inversion condition,
     * guidance 1 to 1 in inversion and 4 to 4 in generation, noise augmentation 0.2 with separate draws, Sigma 1,
     * 25 steps, strength 0.55, fps 7, motion bucket 127, seed 42 (their draws come from torch, so only a reference run
     * with injected draws matches them bit for bit).
     */
    public static VideoshopOptions authors() {
        return authorsBuilder().build();
    }

    /** A builder holding {@link #authors()}, to change a setting or two. */
    public static Builder authorsBuilder() {
        return OptionPresets.authors();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.strength = strength;
        b.steps = steps;
        b.sigmaMin = sigmaMin;
        b.sigmaMax = sigmaMax;
        b.rho = rho;
        b.sigmaThreshold = sigmaThreshold;
        b.inversionMode = inversionMode;
        b.normalize = normalize;
        b.inversionGuidanceMin = inversionGuidanceMin;
        b.inversionGuidanceMax = inversionGuidanceMax;
        b.guidanceMin = guidanceMin;
        b.guidanceMax = guidanceMax;
        b.fps = fps;
        b.motionBucketId = motionBucketId;
        b.noiseAugStrength = noiseAugStrength;
        b.seed = seed;
        b.normalizeInversionCondition = normalizeInversionCondition;
        b.backend = backend;
        b.windowFrames = windowFrames;
        b.windowOverlap = windowOverlap;
        b.workingSize = workingSize;
        b.outputMode = outputMode;
        b.normalization = normalization;
        b.separateAugmentationDraws = separateAugmentationDraws;
        b.sigmaSpacing = sigmaSpacing;
        return b;
    }

    /**
     * The schedule these options choose (the provider named {@link #sigmaSpacing}), with that model's noise range
     * where unset; a new immutable value owned by the caller.
     */
    public InversionSchedule schedule(ModelSpec spec) {
        return Schedules.schedule(sigmaSpacing, new ScheduleParameters(steps,
                sigmaMin != null ? sigmaMin : spec.sigmaMin(), sigmaMax != null ? sigmaMax : spec.sigmaMax(),
                rho != null ? rho : spec.rho(), strength));
    }

    public boolean normalize(ModelSpec spec) {
        return normalize != null ? normalize : spec.normalizePerVideo();
    }

    public double fps(ModelSpec spec) {
        return fps != null ? fps : spec.fps();
    }

    public double motionBucketId(ModelSpec spec) {
        return motionBucketId != null ? motionBucketId : spec.motionBucketId();
    }

    public double noiseAugStrength(ModelSpec spec) {
        return noiseAugStrength != null ? noiseAugStrength : spec.noiseAugStrength();
    }

    /** Guidance on the first frame during generation: the option, else the model's recommendation. */
    public double guidanceMin(ModelSpec spec) {
        return guidanceMin != null ? guidanceMin : spec.guidanceMin();
    }

    /** Guidance on the last frame during generation: the option, else the model's recommendation. */
    public double guidanceMax(ModelSpec spec) {
        return guidanceMax != null ? guidanceMax : spec.guidanceMax();
    }

    /** The inversion threshold Sigma: the option, else the model's recommendation. */
    public double sigmaThreshold(ModelSpec spec) {
        return sigmaThreshold != null ? sigmaThreshold : spec.sigmaThreshold();
    }

    /**
     * These options with every value the model recommends filled in from {@code spec} where they are unset: the
     * generation guidance ({@link #guidanceMin(ModelSpec)}, {@link #guidanceMax(ModelSpec)}) and the inversion
     * threshold Sigma ({@link #sigmaThreshold(ModelSpec)}), i.e. what an edit with that model actually uses. This is
     * what {@link Provenance} records and what decides whether an inversion can serve an edit (two options are the
     * same settings for a model when their resolved forms are equal). The other components (the model's schedule,
     * fps, motion bucket, noise augmentation, normalisation and window defaults) are left as they are; returns
     * {@code this} when nothing is unset.
     */
    public VideoshopOptions resolvedFor(ModelSpec spec) {
        if (guidanceMin != null && guidanceMax != null && sigmaThreshold != null) {
            return this;
        }
        return toBuilder().guidance(guidanceMin(spec), guidanceMax(spec)).sigmaThreshold(sigmaThreshold(spec))
                .build();
    }

    /**
     * These options as far as an inversion depends on them: the output mode, which only changes what is made from
     * an inversion, set to {@link OutputMode#DETAIL}. Two inversions' settings match when these (resolved for the
     * model) are equal, so one inversion serves both output modes.
     */
    public VideoshopOptions inversionSettings() {
        return outputMode == OutputMode.DETAIL ? this : toBuilder().outputMode(OutputMode.DETAIL).build();
    }

    /** Frames per window: the option, else the model's native frame count, never above its maxFrames. */
    public int windowFrames(ModelSpec spec) {
        int w = windowFrames != null ? windowFrames : spec.nativeFrames();
        return Math.min(w, spec.maxFrames());
    }

    /** Mutable builder; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private double strength = 0.55;
        private int steps = 25;
        private Double sigmaMin;
        private Double sigmaMax;
        private Double rho;
        private Double sigmaThreshold;
        private InversionMode inversionMode = InversionMode.EXTRAPOLATED;
        private Boolean normalize;
        private double inversionGuidanceMin = 1.0;
        private double inversionGuidanceMax = 1.0;
        private Double guidanceMin;
        private Double guidanceMax;
        private Double fps;
        private Double motionBucketId;
        private Double noiseAugStrength;
        private long seed = 42L;
        private boolean normalizeInversionCondition = false;
        private String backend;
        private Integer windowFrames;
        private int windowOverlap = 2;
        private FrameSize workingSize;
        private OutputMode outputMode = OutputMode.DETAIL;
        private String normalization = Normalizers.DEFAULT;
        private boolean separateAugmentationDraws = false;
        private String sigmaSpacing = Schedules.DEFAULT;

        private Builder() {
        }

        public Builder strength(double v) {
            strength = v;
            return this;
        }

        public Builder steps(int v) {
            steps = v;
            return this;
        }

        /** Overrides the model's schedule. */
        public Builder schedule(double sigmaMinValue, double sigmaMaxValue, double rhoValue) {
            sigmaMin = sigmaMinValue;
            sigmaMax = sigmaMaxValue;
            rho = rhoValue;
            return this;
        }

        /**
         * The inversion threshold Sigma: at or below it inversion uses x0 plus fixed noise instead of extrapolation
         * (default: the model's recommendation; the paper's and SVD's is 1).
         */
        public Builder sigmaThreshold(double v) {
            sigmaThreshold = v;
            return this;
        }

        public Builder inversionMode(InversionMode v) {
            inversionMode = v;
            return this;
        }

        /** Turns latent normalisation and the final rescale on or off (default: the model's setting). */
        public Builder normalize(boolean v) {
            normalize = v;
            return this;
        }

        public Builder inversionGuidance(double min, double max) {
            inversionGuidanceMin = min;
            inversionGuidanceMax = max;
            return this;
        }

        /**
         * Guidance during generation rising linearly from {@code min} on the first frame to {@code max} on the
         * last (default: the model's recommendation; SVD's is 1 to 3).
         */
        public Builder guidance(double min, double max) {
            guidanceMin = min;
            guidanceMax = max;
            return this;
        }

        public Builder fps(double v) {
            fps = v;
            return this;
        }

        public Builder motionBucketId(double v) {
            motionBucketId = v;
            return this;
        }

        public Builder noiseAugStrength(double v) {
            noiseAugStrength = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder normalizeInversionCondition(boolean v) {
            normalizeInversionCondition = v;
            return this;
        }

        /** Names the latent backend ({@code java}, {@code nd4j}); null for the default. */
        public Builder backend(String v) {
            backend = v;
            return this;
        }

        /** Frames per window for long clips (default: the model's native frame count). */
        public Builder windowFrames(int v) {
            windowFrames = v;
            return this;
        }

        /** Frames shared by adjacent windows (default 2). */
        public Builder windowOverlap(int v) {
            windowOverlap = v;
            return this;
        }

        /** The size the model runs at; null (the default) for the automatic aspect-true size. */
        public Builder workingSize(FrameSize v) {
            workingSize = v;
            return this;
        }

        /** As {@link #workingSize(FrameSize)}. */
        public Builder workingSize(int width, int height) {
            return workingSize(new FrameSize(width, height));
        }

        /** Detail-preserving output (the default) or the paper's plain regeneration. */
        public Builder outputMode(OutputMode v) {
            outputMode = v;
            return this;
        }

        /** The normalisation by its provider's name: per-channel (the paper; default), per-frame or another. */
        public Builder normalization(String name) {
            normalization = name;
            return this;
        }

        /** A built-in normalisation: {@code normalization(v.providerName())}. */
        public Builder normalization(LatentNormalization v) {
            return normalization(v == null ? null : v.providerName());
        }

        /** Separate augmentation draws for the inversion and the generation condition (the authors' code). */
        public Builder separateAugmentationDraws(boolean v) {
            separateAugmentationDraws = v;
            return this;
        }

        /** The schedule by its provider's name: karras (SVD's; default), exponential or another. */
        public Builder sigmaSpacing(String name) {
            sigmaSpacing = name;
            return this;
        }

        /** A built-in schedule: {@code sigmaSpacing(v.providerName())}. */
        public Builder sigmaSpacing(SigmaSpacing v) {
            return sigmaSpacing(v == null ? null : v.providerName());
        }

        public VideoshopOptions build() {
            return new VideoshopOptions(strength, steps, sigmaMin, sigmaMax, rho, sigmaThreshold, inversionMode,
                    normalize, inversionGuidanceMin, inversionGuidanceMax, guidanceMin, guidanceMax, fps,
                    motionBucketId, noiseAugStrength, seed, normalizeInversionCondition, backend, windowFrames,
                    windowOverlap, workingSize, outputMode, normalization, separateAugmentationDraws, sigmaSpacing);
        }
    }
}
