package org.videoshop.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.videoshop.cli.video.FfmpegVideo;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every {@code videoshop} command that reads or writes clips shares: {@code --quiet} and {@code --verbose}, the
 * order it starts in (its flags checked as usage errors before any work, then FFmpeg's messages shown or silenced
 * by {@code --verbose}), and how it reports a usage error and prints its summary.
 */
abstract class ClipCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions out;

    @Override
    public final Integer call() throws Exception {
        readSharedFlags();
        checkArguments();
        FfmpegVideo.logNativeMessages(out.verbose());
        try {
            return run();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Turns flags shared with other commands into settings, first; a bad one fails as a usage error. */
    void readSharedFlags() {
    }

    /** Checks this command's own flags before any work; a bad one fails as a usage error (see {@link #usage}). */
    void checkArguments() {
    }

    /** The command's work, once every flag is checked; returns the exit status. */
    abstract int run() throws Exception;

    /** A usage error of this command (exit status 2) with {@code message}. */
    final ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** A usage error of this command whose message is the given exception's. */
    final ParameterException usage(IllegalArgumentException e) {
        return new ParameterException(spec.commandLine(), e.getMessage(), e);
    }

    /** Fails as a usage error unless {@code flag}'s {@code path} is a folder (of {@code what}). */
    final void requireFolder(Path path, String flag, String what) {
        if (!Files.isDirectory(path)) {
            throw usage("Expected " + flag + " to be a folder of " + what + " but found "
                    + (Files.exists(path) ? "a file" : "nothing") + " at " + path);
        }
    }

    /** The frames a side-by-side image shows ({@code chosen}, or first, middle and last); bad ones: a usage error. */
    final int[] sideBySideFrames(List<Integer> chosen, int frameCount) {
        try {
            return SideBySide.choose(chosen, frameCount);
        } catch (IllegalArgumentException e) {
            throw usage(e);
        }
    }

    /** Where progress bars and messages go. */
    final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints the command's summary, one line each, unless {@code --quiet}. */
    final void summary(String... lines) {
        if (!out.quiet()) {
            PrintWriter w = spec.commandLine().getOut();
            for (String line : lines) {
                w.println(line);
            }
            w.flush();
        }
    }
}
