package org.videoshop.cli;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.videoshop.FrameSize;
import org.videoshop.InversionMode;
import org.videoshop.OutputMode;
import org.videoshop.VideoshopOptions;
import org.videoshop.diffusion.Normalizers;
import org.videoshop.diffusion.Schedules;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli mixin for the diffusion settings of an edit (strength, steps, seed, inversion and its threshold Sigma,
 * guidance, windows, working size, output mode), turned into a {@link VideoshopOptions.Builder}. An inversion file records them, and editing
 * it needs the same ones.
 */
public final class DiffusionOptionsMixin {

    @Option(names = "--preset", paramLabel = "NAME", converter = PresetConverter.class,
            description = "Start from a named preset, then apply the other flags: authors (the paper authors' run.py:"
                    + " per-frame normalisation, their inversion condition, guidance 4 to 4, noise augmentation 0.2"
                    + " with separate draws, Sigma 1, 25 steps, strength 0.55). Default: none.")
    String preset;

    @Option(names = "--normalization", paramLabel = "HOW", converter = NormalizationConverter.class,
            completionCandidates = NormalizationConverter.Names.class,
            description = "Latent normalisation before inversion, by name: ${COMPLETION-CANDIDATES} (found on the"
                    + " classpath; per-channel: the paper's, the default; per-frame: the authors' run.py).")
    String normalization;

    @Option(names = "--strength", paramLabel = "S", defaultValue = "0.55",
            description = "Fraction of the noise schedule walked, in (0, 1] (default: ${DEFAULT-VALUE}).")
    double strength;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "25",
            description = "Steps of the full schedule; floor(N * strength) of them run (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--sigma-spacing", paramLabel = "HOW", defaultValue = Schedules.DEFAULT,
            converter = SpacingConverter.class, completionCandidates = SpacingConverter.Names.class,
            description = "The schedule's spacing of its noise levels, by name: ${COMPLETION-CANDIDATES} (found on the"
                    + " classpath; karras: SVD's and the paper's; exponential: evenly in log sigma)"
                    + " (default: ${DEFAULT-VALUE}).")
    String sigmaSpacing;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42",
            description = "Seed of every random draw; equal seeds give equal edits (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--inversion", paramLabel = "MODE", defaultValue = "extrapolated",
            converter = InversionConverter.class, completionCandidates = InversionConverter.Names.class,
            description = "extrapolated (Videoshop) or naive inversion (default: ${DEFAULT-VALUE}).")
    InversionMode inversion;

    @Option(names = "--no-normalize",
            description = "Skip the channel-wise latent normalisation and the final rescale (an ablation).")
    boolean noNormalize;

    @Option(names = "--guidance", paramLabel = "MIN,MAX", converter = GuidanceRange.Converter.class,
            description = "Guidance scale rising from the first to the last frame; one number for a constant"
                    + " (default: the model's recommendation, see videoshop info; SVD's is 1,3).")
    GuidanceRange guidance;

    @Option(names = "--sigma-threshold", paramLabel = "SIGMA",
            description = "Inversion threshold Sigma: at or below it inversion uses fixed noise instead of"
                    + " extrapolation, >= 0 (default: the model's recommendation, see videoshop info; the paper's"
                    + " and SVD's is 1).")
    Double sigmaThreshold;

    @Option(names = "--authors-inversion-condition",
            description = "Normalise the inversion's conditioning latents (one mean and std over the frame) and divide"
                    + " them by the scaling factor, as the paper's code does (default: raw, as generation uses them).")
    boolean authorsInversionCondition;

    @Option(names = "--window", paramLabel = "N",
            description = "Frames per window for clips longer than it (default: the model's native frame count).")
    Integer window;

    @Option(names = "--overlap", paramLabel = "K", defaultValue = "2",
            description = "Frames shared by adjacent windows, at least 1 (default: ${DEFAULT-VALUE}).")
    int overlap;

    /** Checks the window flags by their names (the options' own check names the builder's fields). */
    void checkWindowFlags() {
        if (window != null && window < 2) {
            throw new IllegalArgumentException("Expected --window of at least 2 frames but found " + window);
        }
        if (overlap < 1) {
            throw new IllegalArgumentException("Expected --overlap of at least 1 frame but found " + overlap);
        }
        if (window != null && overlap >= window) {
            throw new IllegalArgumentException("Expected --overlap below --window (" + window + ") but found "
                    + overlap);
        }
    }

    @Option(names = "--working-size", paramLabel = "WxH", converter = FrameSizeConverter.class,
            description = "Size the model runs at, each side a multiple of the model's size multiple (default: the"
                    + " clip's aspect at about the model's native pixel count, e.g. 1024x576 for a 16:9 clip on SVD).")
    FrameSize workingSize;

    @Option(names = "--output-mode", paramLabel = "MODE", defaultValue = "detail",
            converter = OutputModeConverter.class, completionCandidates = OutputModeConverter.Names.class,
            description = {"detail: the source plus the edit's change, at the input's resolution, the source exactly"
                    + " outside the edit region; regenerate: the model's output upsampled (the paper's)"
                    + " (default: ${DEFAULT-VALUE})."})
    OutputMode outputMode;

    /** A builder holding these settings; {@link VideoshopOptions.Builder#build()} checks their ranges. */
    public VideoshopOptions.Builder builder() {
        VideoshopOptions.Builder b = ("authors".equals(preset) ? VideoshopOptions.authorsBuilder()
                : VideoshopOptions.builder())
                .strength(strength)
                .steps(steps)
                .sigmaSpacing(sigmaSpacing)
                .seed(seed)
                .inversionMode(inversion)
                .windowOverlap(overlap)
                .outputMode(outputMode)
                .workingSize(workingSize);
        if (authorsInversionCondition) {
            b.normalizeInversionCondition(true);
        }
        if (normalization != null) {
            b.normalization(normalization);
        }
        if (guidance != null) {
            b.guidance(guidance.min(), guidance.max());
        }
        if (sigmaThreshold != null) {
            b.sigmaThreshold(sigmaThreshold);
        }
        if (window != null) {
            b.windowFrames(window);
        }
        if (noNormalize) {
            b.normalize(false);
        }
        return b;
    }

    /** Parses a preset name ({@code authors}). */
    static final class PresetConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!"authors".equalsIgnoreCase(value.trim())) {
                throw new TypeConversionException("expected the preset authors but found '" + value + "'");
            }
            return "authors";
        }
    }

    /** A normalisation's name (any case) as its provider spells it; the options' own check names those found. */
    static final class NormalizationConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return VideoshopOptions.builder().normalization(value.trim()).build().normalization();
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }

        /** The names shown in help: the normalisations found. */
        static final class Names implements Iterable<String> {
            @Override
            public Iterator<String> iterator() {
                return Normalizers.names().iterator();
            }
        }
    }

    /** A schedule's name (any case) as its provider spells it; the options' own check names those found. */
    static final class SpacingConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return VideoshopOptions.builder().sigmaSpacing(value.trim()).build().sigmaSpacing();
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }

        /** The names shown in help: the schedules found. */
        static final class Names implements Iterable<String> {
            @Override
            public Iterator<String> iterator() {
                return Schedules.names().iterator();
            }
        }
    }

    /** Parses {@code WxH}. */
    static final class FrameSizeConverter implements ITypeConverter<FrameSize> {
        @Override
        public FrameSize convert(String value) {
            try {
                return FrameSize.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Parses {@code detail} or {@code regenerate}, any case. */
    static final class OutputModeConverter implements ITypeConverter<OutputMode> {
        @Override
        public OutputMode convert(String value) {
            for (OutputMode m : OutputMode.values()) {
                if (m.name().equalsIgnoreCase(value.trim())) {
                    return m;
                }
            }
            throw new TypeConversionException("expected detail or regenerate but found '" + value + "'");
        }

        /** The names shown in help. */
        static final class Names implements Iterable<String> {
            @Override
            public Iterator<String> iterator() {
                return List.of(OutputMode.values()).stream().map(m -> m.name().toLowerCase(Locale.ROOT))
                        .iterator();
            }
        }
    }

    /** Parses {@code extrapolated} or {@code naive}, any case. */
    static final class InversionConverter implements ITypeConverter<InversionMode> {
        @Override
        public InversionMode convert(String value) {
            for (InversionMode m : InversionMode.values()) {
                if (m.name().equalsIgnoreCase(value.trim())) {
                    return m;
                }
            }
            throw new TypeConversionException("expected extrapolated or naive but found '" + value + "'");
        }

        /** The names shown in help. */
        static final class Names implements Iterable<String> {
            @Override
            public Iterator<String> iterator() {
                return List.of(InversionMode.values()).stream().map(m -> m.name().toLowerCase(Locale.ROOT))
                        .iterator();
            }
        }
    }
}
