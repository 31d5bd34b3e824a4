package org.videoshop.cli;

import picocli.CommandLine.Option;

/** The {@code --quiet} and {@code --verbose} flags every command shares. */
public final class OutputOptions {

    @Option(names = {"-q", "--quiet"}, description = "No progress bars and no summary; errors are still printed.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"},
            description = "Stack traces on failure, FFmpeg's messages, and the model and backend used.")
    boolean verbose;

    public boolean quiet() {
        return quiet;
    }

    public boolean verbose() {
        return verbose && !quiet;
    }
}
