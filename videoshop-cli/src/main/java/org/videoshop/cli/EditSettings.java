package org.videoshop.cli;

import org.videoshop.VideoshopOptions;
import org.videoshop.model.ModelSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * picocli mixin of everything {@code edit}, {@code invert}, {@code demo} and {@code evaluate} run an edit with: the
 * model and backend ({@link ModelOptionsMixin}) and the diffusion settings ({@link DiffusionOptionsMixin}), turned
 * into {@link VideoshopOptions}.
 */
public final class EditSettings {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Mixin
    ModelOptionsMixin models;

    @Mixin
    DiffusionOptionsMixin diffusion;

    /** The options these flags give; an {@link IllegalArgumentException} names a value out of range. */
    public VideoshopOptions toOptions() {
        return models.applyTo(diffusion.builder()).build();
    }

    /**
     * The options these flags give, checked before anything is read (the backend included), so that a bad flag
     * fails fast as a usage error of the command: the one place every command (and the Spark job) turns these
     * flags into options.
     */
    public VideoshopOptions options() {
        try {
            diffusion.checkWindowFlags();
            VideoshopOptions options = toOptions();
            models.checkBackend();
            return options;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ParameterException(command.commandLine(), e.getMessage(), e);
        }
    }

    /**
     * Fails with a {@link UsageException} when the window flags do not fit the model: {@code --overlap} must be
     * below the window, which is the model's native frame count unless {@code --window} is given.
     */
    static void checkAgainst(VideoshopOptions options, ModelSpec spec) {
        int window = options.windowFrames(spec);
        if (options.windowOverlap() >= window) {
            throw new UsageException("Expected --overlap below the window of " + window + " frames (model "
                    + spec.name() + "'s native frame count unless --window is given) but found "
                    + options.windowOverlap());
        }
    }

    /** The model bundle folder or built-in model name given by {@code --model}. */
    public String model() {
        return models.model();
    }
}
