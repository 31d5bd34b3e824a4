package org.videoshop.cli;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.videoshop.CancellationToken;

/**
 * While open, a JVM shutdown (Ctrl-C, SIGTERM) cancels the token, so a running edit stops at its next step, and
 * holds the JVM up to ten seconds so that the command removes its temporary outputs and prints its one-line
 * message before the JVM exits. Closing it removes the hook; if the shutdown has already begun, the hook is
 * released by {@link #releasePending()} once the message is printed ({@link VideoshopCli#main}).
 */
final class CancelOnShutdown implements AutoCloseable {

    private static final Set<CancelOnShutdown> PENDING = ConcurrentHashMap.newKeySet();

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
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            closed.countDown();
        } catch (IllegalStateException shuttingDown) {
            PENDING.add(this); // the hook is waiting: release it after the failure has been reported
        }
    }

    /** Lets the JVM finish shutting down once the command has reported how it ended. */
    static void releasePending() {
        for (CancelOnShutdown c : PENDING) {
            c.closed.countDown();
            PENDING.remove(c);
        }
    }
}
