package org.videoshop.cli;

import org.videoshop.VideoshopOptions;
import picocli.CommandLine.Mixin;

/**
 * A {@link ClipCommand} that runs edits: it takes the model, backend and diffusion flags ({@link EditSettings}) and
 * turns them into {@link VideoshopOptions} before its own flags are checked.
 */
abstract class EditingCommand extends ClipCommand {

    @Mixin
    EditSettings settings;

    private VideoshopOptions options;

    @Override
    final void readSharedFlags() {
        options = settings.options();
    }

    /** The options the flags give, checked; set before {@link #checkArguments()} runs. */
    final VideoshopOptions options() {
        return options;
    }
}
