package org.videoshop.onnx;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Idle {@link Workspace}s of one network, by shape key. A call takes one (or makes one when none is idle),
 * fills it, runs, reads it, and gives it back, so steady-state steps allocate no tensor buffers while several
 * threads can run the same network at once, each with its own workspace. We chose a pool over thread-locals so
 * that buffers die with the model (no thread keeps them alive after close) and thread pools of any size work.
 * Bounded: at most {@link #MAX_IDLE} idle workspaces per shape and {@link #MAX_SHAPES} shapes (the least
 * recently used shape is dropped). Thread-safe.
 */
final class WorkspacePool {

    static final int MAX_IDLE = 4;
    static final int MAX_SHAPES = 8;

    private final Map<List<Long>, Deque<Workspace>> idle = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Long>, Deque<Workspace>> eldest) {
            return size() > MAX_SHAPES;
        }
    };

    /** An idle workspace of that key, or a new one from {@code factory}. */
    Workspace acquire(List<Long> key, Function<List<Long>, Workspace> factory) {
        synchronized (idle) {
            Deque<Workspace> d = idle.get(key);
            if (d != null && !d.isEmpty()) {
                return d.pop();
            }
        }
        return factory.apply(key);
    }

    /** Gives a workspace back for reuse. */
    void release(Workspace ws) {
        synchronized (idle) {
            Deque<Workspace> d = idle.computeIfAbsent(ws.key, k -> new ArrayDeque<>());
            if (d.size() < MAX_IDLE) {
                d.push(ws);
            }
        }
    }

    /** Number of idle workspaces (for tests). */
    int idleCount() {
        synchronized (idle) {
            return idle.values().stream().mapToInt(Deque::size).sum();
        }
    }

    /** Drops every idle workspace. */
    void clear() {
        synchronized (idle) {
            idle.clear();
        }
    }
}
