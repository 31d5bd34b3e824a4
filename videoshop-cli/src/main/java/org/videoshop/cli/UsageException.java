package org.videoshop.cli;

/**
 * A command line that is wrong in a way only the model shows (e.g. {@code --overlap} not below the model's window):
 * reported like picocli's usage errors, with exit status {@link VideoshopCli#EXIT_USAGE}.
 */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
