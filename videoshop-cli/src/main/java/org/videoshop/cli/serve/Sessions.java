package org.videoshop.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The sessions of a server, known by a random cookie, each with a folder under the server's temporary root.
 * A session idle for longer than its lifetime is removed (its jobs cancelled, its folder deleted) by a sweeper;
 * closing removes every session and the root.
 */
final class Sessions implements AutoCloseable {

    /** The cookie that names a browser's session. */
    static final String COOKIE = "videoshop_session";

    private final Path root;
    private final long ttlNanos;
    private final JobQueue queue;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;

    Sessions(Path root, Duration ttl, JobQueue queue) {
        this.root = root;
        this.ttlNanos = ttl.toNanos();
        this.queue = queue;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "videoshop-serve-sessions");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(200, Math.min(60_000, ttl.toMillis() / 4));
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    /** The request's session, or null when it has none (or one that expired). */
    Session find(HttpExchange ex) {
        String id = Http.cookie(ex, COOKIE);
        Session s = Ids.wellFormed(id) ? sessions.get(id) : null;
        if (s != null) {
            s.touch();
        }
        return s;
    }

    /** The request's session, made (and its cookie set on the answer) when it has none. */
    Session findOrCreate(HttpExchange ex) {
        Session s = find(ex);
        if (s != null) {
            return s;
        }
        String id = Ids.next(16);
        s = new Session(id, root.resolve("s-" + id));
        sessions.put(id, s);
        ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Strict");
        return s;
    }

    int count() {
        return sessions.size();
    }

    /** Removes the sessions idle for longer than their lifetime. */
    void sweep() {
        long now = System.nanoTime();
        for (Session s : new ArrayList<>(sessions.values())) {
            if (now - s.lastSeenNanos() > ttlNanos && s.pendingJobs() == 0) {
                remove(s);
            }
        }
    }

    private void remove(Session s) {
        sessions.remove(s.id());
        for (Job j : s.jobs()) {
            queue.cancel(j, "the session expired");
        }
        deleteTree(s.folder());
    }

    /** Removes every session and the root folder. */
    @Override
    public void close() {
        sweeper.shutdownNow();
        for (Session s : new ArrayList<>(sessions.values())) {
            remove(s);
        }
        deleteTree(root);
    }

    /** Deletes a folder and all it holds; what cannot be deleted now is left (it is under the temp root). */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a file being written by a job that is stopping: the next sweep or shutdown removes it
                }
            }
        } catch (IOException | UncheckedIOException ignored) {
            // the folder changed while walking it: the next sweep or shutdown removes the rest
        }
    }
}
