package org.videoshop.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.videoshop.CancellationToken;

/**
 * While open, a JVM shutdown (Ctrl-C, SIGTERM) cancels the token, so a running edit stops at its next step, and
 * waits up to ten seconds for the command to finish, so temporary outputs are removed before the JVM exits.
 * Closing it removes the hook.
 */
final class CancelOnShutdown implements AutoCloseable {

    private final CancellationToken token = new CancellationToken();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook = new Thread(this::cancelAndWait, "videoshop-cancel");

    CancelOnShutdown() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    CancellationToken token() {
        return token;
    }

    private void cancelAndWait() {
        token.cancel();
        try {
            closed.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it returns now that the latch is open
        }
    }
}
