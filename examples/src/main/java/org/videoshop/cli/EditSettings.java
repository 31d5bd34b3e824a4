package org.videoshop.cli;

import org.videoshop.VideoshopOptions;
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
     * fails fast as a usage error of the command.
     */
    VideoshopOptions options() {
        try {
            VideoshopOptions options = toOptions();
            models.checkBackend();
            return options;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ParameterException(command.commandLine(), e.getMessage(), e);
        }
    }

    /** The model bundle folder or built-in model name given by {@code --model}. */
    public String model() {
        return models.model();
    }
}
