package org.videoshop.cli;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.videoshop.CancellationToken;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While open, Ctrl-C (SIGINT) and SIGTERM cancel the token instead of shutting the JVM down, so a running edit stops
 * at its next step, removes its temporary outputs and prints its one-line message, and the command then exits
 * normally. Letting the signal start a JVM shutdown is not safe: ONNX Runtime registers a shutdown hook that
 * releases its native environment, and a session run still in flight on the edit's thread then crashes the JVM
 * (SIGBUS inside libonnxruntime, no message, temporary files left behind). A second signal while the first is
 * being handled falls back to the JVM's own handling. Any other shutdown (e.g. SIGHUP) still cancels the token
 * through a shutdown hook and holds the JVM up to ten seconds; if it has begun, the hook is released by
 * {@link #releasePending()} once the message is printed ({@link VideoshopCli#main}). Closing restores the
 * previous signal handlers and removes the hook.
 */
final class CancelOnShutdown implements AutoCloseable {

    /** The signals a running command turns into cancellation. */
    private static final String[] SIGNALS = {"INT", "TERM"};

    private static final Set<CancelOnShutdown> PENDING = ConcurrentHashMap.newKeySet();

    private final CancellationToken token = new CancellationToken();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook = new Thread(this::cancelAndWait, "videoshop-cancel");

    /** Read on the JVM's signal-dispatch thread, hence concurrent. */
    private final Map<Signal, SignalHandler> previous = new ConcurrentHashMap<>();

    CancelOnShutdown() {
        Runtime.getRuntime().addShutdownHook(hook);
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                SignalHandler before = Signal.handle(signal, this::onSignal);
                if (before == SignalHandler.SIG_IGN) {
                    Signal.handle(signal, before); // ignored by whoever started us (e.g. nohup): keep it so
                } else {
                    previous.put(signal, before);
                }
            } catch (IllegalArgumentException unsupported) {
                // not on this platform (or the JVM reserves it): the shutdown hook still cancels
            }
        }
    }

    /** First signal: cancel and let the command finish; a second one: what the JVM would have done. */
    private void onSignal(Signal signal) {
        if (token.isCancelled()) {
            SignalHandler before = previous.get(signal);
            try {
                if (before != null && before != SignalHandler.SIG_DFL) {
                    before.handle(signal); // the JVM's own: a normal shutdown
                    return;
                }
            } catch (RuntimeException nativeHandler) {
                // a native handler cannot be invoked from Java: stop as the default action would
            }
            Runtime.getRuntime().halt(128 + signal.getNumber());
            return;
        }
        token.cancel();
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
        previous.forEach((signal, handler) -> {
            try {
                Signal.handle(signal, handler);
            } catch (IllegalArgumentException ignored) {
                // could not be restored: keeps cancelling a token nobody reads, harmless
            }
        });
        previous.clear();
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
