package org.videoshop.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.videoshop.model.VideoshopModel;

/**
 * {@code videoshop serve}'s HTTP server (the JDK's {@code com.sun.net.httpserver}): the page, its scripts and the
 * JSON API. Owns the model it opens, the job queue, the sessions and the temporary folder they live in; closing
 * cancels every job, stops the server, closes the model and deletes the folder. Closing twice is harmless.
 */
public final class VideoshopServer implements AutoCloseable {

    /** Threads serving requests (event streams hold one each; {@link Api#MAX_EVENT_STREAMS} of them at most). */
    static final int REQUEST_THREADS = Api.MAX_EVENT_STREAMS + 8;
    /** The header every POST must carry: a cross-site page cannot send it without the server's consent. */
    static final String CSRF_HEADER = "X-Videoshop";
    /** The cookie that carries the token once the page was opened with {@code ?token=}. */
    static final String TOKEN_COOKIE = "videoshop_token";

    /** Page resources: name in the address, resource name, content type. */
    private static final Map<String, String[]> STATIC = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/index.html", new String[] {"index.html", "text/html; charset=utf-8"},
            "/app.css", new String[] {"app.css", "text/css; charset=utf-8"},
            "/app.js", new String[] {"app.js", "text/javascript; charset=utf-8"},
            "/pixels.js", new String[] {"pixels.js", "text/javascript; charset=utf-8"},
            "/editor.js", new String[] {"editor.js", "text/javascript; charset=utf-8"},
            "/jobcard.js", new String[] {"jobcard.js", "text/javascript; charset=utf-8"});

    private final ServeConfig config;
    private final Path root;
    private final VideoshopModel model;
    private final JobQueue queue;
    private final Sessions sessions;
    private final Api api;
    private final HttpServer http;
    private final ExecutorService threads;
    private boolean closed;

    private VideoshopServer(ServeConfig config) throws IOException {
        this.config = config;
        this.root = Files.createTempDirectory("videoshop-serve-");
        VideoshopModel m = null;
        JobQueue q = null;
        Sessions s = null;
        try {
            m = VideoshopModel.open(config.model());
            q = new JobQueue(config.maxQueued(), new JobRunner(m));
            s = new Sessions(root, config.sessionTtl(), q);
            this.api = new Api(config, m.spec(), new Library(config), s, q);
            AtomicInteger n = new AtomicInteger();
            this.threads = Executors.newFixedThreadPool(REQUEST_THREADS, r -> {
                Thread t = new Thread(r, "videoshop-serve-http-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            this.http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
        } catch (IOException | RuntimeException e) {
            if (q != null) {
                q.close();
            }
            if (s != null) {
                s.close();
            }
            if (m != null) {
                m.close();
            }
            Sessions.deleteTree(root);
            throw e;
        }
        this.model = m;
        this.queue = q;
        this.sessions = s;
        http.setExecutor(threads);
        http.createContext("/", this::handle);
        http.start();
    }

    /** Opens the model and starts serving; the caller closes the server. */
    public static VideoshopServer start(ServeConfig config) throws IOException {
        return new VideoshopServer(config);
    }

    /** The port bound (the one asked for, or the one found for port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** The page's address, with the token when there is one. */
    public String url() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + host + ":" + port() + "/" + (config.token() == null ? "" : "?token=" + config.token());
    }

    /** The temporary folder holding every session's files (deleted by {@link #close()}). */
    public Path root() {
        return root;
    }

    /** Jobs waiting or running. */
    public int pendingJobs() {
        return queue.pending();
    }

    /** Sessions alive. */
    public int sessions() {
        return sessions.count();
    }

    private void handle(HttpExchange ex) {
        try (ex) {
            try {
                String path = ex.getRequestURI().getPath();
                checkHost(ex);
                checkToken(ex);
                if (path.startsWith("/api/")) {
                    if (ex.getRequestMethod().equals("POST") && ex.getRequestHeaders().getFirst(CSRF_HEADER) == null) {
                        throw new HttpError(403, "Expected the header " + CSRF_HEADER + " on a POST (the page sends it)"
                                + " but found none");
                    }
                    api.handle(ex, path);
                } else {
                    page(ex, path);
                }
            } catch (HttpError e) {
                Http.error(ex, e.status(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                Http.error(ex, 500, "Expected to serve the request but failed: " + JobRunner.message(e));
            }
        } catch (IOException clientGone) {
            // the browser closed the connection (a page reload, a closed tab): nothing to answer
        }
    }

    private void page(HttpExchange ex, String path) throws IOException {
        String[] res = STATIC.get(path);
        if (res == null || !ex.getRequestMethod().equals("GET")) {
            throw HttpError.notFound("Expected the page (/) or one of its files but found '" + Ids.shorten(path) + "'");
        }
        try (InputStream in = VideoshopServer.class.getResourceAsStream("web/" + res[0])) {
            if (in == null) {
                throw new HttpError(500, "Expected the page's file " + res[0] + " in the jar but found none");
            }
            byte[] content = in.readAllBytes();
            ex.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; "
                    + "media-src 'self' blob:; frame-ancestors 'none'");
            Http.bytes(ex, 200, res[1], content);
        }
    }

    /** Bound to loopback, only loopback names are served (a page elsewhere cannot rebind a name to us). */
    private void checkHost(HttpExchange ex) {
        if (config.exposed()) {
            return;
        }
        String host = ex.getRequestHeaders().getFirst("Host");
        String name = host == null ? "" : host.replaceFirst(":\\d+$", "");
        if (!(name.equals("127.0.0.1") || name.equals("localhost") || name.equals("[::1]") || name.isEmpty())) {
            throw new HttpError(403, "Expected a request to localhost or 127.0.0.1 but found Host '"
                    + Ids.shorten(host) + "'");
        }
    }

    private void checkToken(HttpExchange ex) {
        if (config.token() == null) {
            return;
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String fromQuery = Http.query(ex, "token");
        String given = fromQuery != null ? fromQuery
                : auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim()
                : Http.cookie(ex, TOKEN_COOKIE);
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                config.token().getBytes(StandardCharsets.UTF_8))) {
            throw new HttpError(401, "Expected the server's token (open the address 'videoshop serve' printed, with "
                    + "?token=...) but found " + (given == null ? "none" : "another"));
        }
        if (fromQuery != null) {
            ex.getResponseHeaders().add("Set-Cookie", TOKEN_COOKIE + "=" + config.token()
                    + "; Path=/; HttpOnly; SameSite=Strict");
        }
    }

    /** Cancels every job, stops serving, closes the model and deletes every session's files. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.close();  // first: event streams end once their jobs are cancelled
        http.stop(1);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sessions.close();
        model.close();
        Sessions.deleteTree(root);
    }
}
