package org.videoshop.cli;

import org.videoshop.tensor.Mask;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * picocli mixin for {@code --feather PX} of the commands that edit many clips with their own masks ({@code batch}
 * and the Spark job): the soft edge of every mask, checked as a usage error of the command.
 */
public final class MasksFeatherOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--feather", paramLabel = "PX", defaultValue = "" + Mask.DEFAULT_FEATHER,
            description = "Soft edge of the masks in pixels (default: ${DEFAULT-VALUE}).")
    int feather;

    /** The feather in pixels; a negative one fails as a usage error of the command. */
    public int pixels() {
        if (feather < 0) {
            throw new ParameterException(command.commandLine(), "Expected --feather >= 0 pixels but found "
                    + feather);
        }
        return feather;
    }
}
