package org.videoshop.nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Idle {@link Scratch} sets keyed by length, shared by all threads: a call borrows one (or creates it), uses it
 * alone, and gives it back. Keeps at most {@code maxIdleBytes} of idle native memory; a scratch given back beyond
 * that, or after {@link #close()}, is closed at once. Lock-free and thread-safe.
 */
final class ScratchPool implements AutoCloseable {

    private final Map<Integer, ConcurrentLinkedDeque<Scratch>> idle = new ConcurrentHashMap<>();
    private final AtomicLong idleBytes = new AtomicLong();
    private final long maxIdleBytes;
    private final IntFunction<Scratch> factory;
    private volatile boolean closed;

    ScratchPool(long maxIdleBytes, IntFunction<Scratch> factory) {
        if (maxIdleBytes < 0) {
            throw new IllegalArgumentException("Expected a non-negative idle-memory limit but found " + maxIdleBytes);
        }
        this.maxIdleBytes = maxIdleBytes;
        this.factory = factory;
    }

    /** A scratch of that length for the caller's exclusive use until {@link #release}. */
    Scratch borrow(int length) {
        if (closed) {
            throw new IllegalStateException("Expected open Nd4jKernels but found them closed");
        }
        ConcurrentLinkedDeque<Scratch> q = idle.get(length);
        Scratch s = q == null ? null : q.pollFirst();
        if (s != null) {
            idleBytes.addAndGet(-s.bytes());
            return s;
        }
        return factory.apply(length);
    }

    /** Gives a borrowed scratch back; it is kept for reuse or closed. */
    void release(Scratch s) {
        long bytes = s.bytes();
        if (closed || idleBytes.addAndGet(bytes) > maxIdleBytes) {
            if (!closed) {
                idleBytes.addAndGet(-bytes);
            }
            s.close();
            return;
        }
        idle.computeIfAbsent(s.length, k -> new ConcurrentLinkedDeque<>()).offerFirst(s);
        if (closed) {
            drain(); // close() ran while we were offering
        }
    }

    /** Bytes of native memory held by idle scratch sets. */
    long idleBytes() {
        return idleBytes.get();
    }

    /** Closes every idle scratch set; borrowed ones are closed when given back only if the pool is closed. */
    void trim() {
        drain();
    }

    private void drain() {
        List<Scratch> out = new ArrayList<>();
        for (ConcurrentLinkedDeque<Scratch> q : idle.values()) {
            Scratch s;
            while ((s = q.pollFirst()) != null) {
                idleBytes.addAndGet(-s.bytes());
                out.add(s);
            }
        }
        out.forEach(Scratch::close);
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        drain();
    }
}
