package org.videoshop.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** picocli mixin for {@code --max-frames N} of {@code edit} and {@code invert}: use only the input's first N frames. */
public final class MaxFramesOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--max-frames", paramLabel = "N",
            description = "Use only the first N frames of the input (default: all).")
    int maxFrames;

    /** N, or 0 when not given (every frame); a negative N fails as a usage error of the command. */
    int value() {
        if (maxFrames < 0) {
            throw new ParameterException(command.commandLine(),
                    "Expected --max-frames >= 1 (or unset) but found " + maxFrames);
        }
        return maxFrames;
    }
}
