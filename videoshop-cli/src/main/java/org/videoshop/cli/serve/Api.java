package org.videoshop.cli.serve;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.sun.net.httpserver.HttpExchange;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.videoshop.VideoshopOptions;
import org.videoshop.model.ModelSpec;
import org.videoshop.Windows;

/** The JSON API under {@code /api/}: videos, frames, jobs, their progress (Server-Sent Events) and downloads. */
final class Api {

    /** A request handler given the path's captured groups and the request's session. */
    @FunctionalInterface
    private interface Handler {
        void handle(HttpExchange ex, Matcher path, Session session) throws IOException, InterruptedException;
    }

    private record Route(String method, Pattern path, boolean createsSession, Handler handler) {
    }

    /**
     * What a page posts to start a job. Unset fields take the server's settings; {@code sigmaSpacing} and
     * {@code normalization} name providers as {@code /api/info}'s {@code choices} list them.
     */
    record JobRequest(String video, Double strength, Integer steps, Long seed, String inversion, String outputMode,
                      String sigmaSpacing, String normalization, String format, String editedFirst, String mask) {
    }

    /** Most event streams open at once, so that they never take every request thread. */
    static final int MAX_EVENT_STREAMS = 24;
    /** How often an idle event stream sends a comment, so proxies and browsers keep it open. */
    private static final long KEEP_ALIVE_MILLIS = 15_000;

    private final ServeConfig config;
    private final ModelSpec spec;
    private final Library library;
    private final Sessions sessions;
    private final JobQueue queue;
    private final List<Route> routes = new ArrayList<>();
    private final Semaphore eventStreams = new Semaphore(MAX_EVENT_STREAMS);
    private final JobOptions jobOptions;

    Api(ServeConfig config, ModelSpec spec, Library library, Sessions sessions, JobQueue queue) {
        this.config = config;
        this.spec = spec;
        this.library = library;
        this.sessions = sessions;
        this.queue = queue;
        this.jobOptions = new JobOptions(config, spec);
        route("GET", "/api/info", false, (ex, m, s) -> Http.json(ex, 200, ServerInfo.of(config, spec, jobOptions, queue)));
        route("GET", "/api/clips", false, (ex, m, s) -> Http.json(ex, 200, Map.of("clips", library.clips())));
        route("POST", "/api/clips/open", true, this::openClip);
        route("POST", "/api/videos", true, (ex, m, s) ->
                Http.json(ex, 200, facts(library.upload(s, ex, Http.query(ex, "name")))));
        route("GET", "/api/videos/([^/]+)", false, (ex, m, s) -> Http.json(ex, 200, facts(video(s, m))));
        route("GET", "/api/videos/([^/]+)/frames/([^/]+)", false, (ex, m, s) -> {
            SourceVideo v = video(s, m);
            Http.file(ex, v.frames().resolve(frameName(m.group(2), v.count())), "image/png", null);
        });
        route("POST", "/api/videos/([^/]+)/edited-first", true, this::editedFirst);
        route("POST", "/api/jobs", true, this::submit);
        route("GET", "/api/jobs", false, (ex, m, s) -> Http.json(ex, 200, Map.of("jobs",
                s == null ? List.of() : s.jobs().stream().map(Job::snapshot).toList())));
        route("GET", "/api/jobs/([^/]+)", false, (ex, m, s) -> Http.json(ex, 200, job(s, m).snapshot()));
        route("GET", "/api/jobs/([^/]+)/events", false, (ex, m, s) -> events(ex, job(s, m)));
        route("POST", "/api/jobs/([^/]+)/cancel", false, (ex, m, s) -> {
            Job j = job(s, m);
            queue.cancel(j, "stopped while waiting");
            Http.json(ex, 200, j.snapshot());
        });
        route("GET", "/api/jobs/([^/]+)/frames/([^/]+)", false, (ex, m, s) -> {
            Job j = finished(job(s, m));
            Http.file(ex, JobRunner.framesOf(j).resolve(frameName(m.group(2), j.resultFrames())), "image/png", null);
        });
        route("GET", "/api/jobs/([^/]+)/download/([^/]+)", false, (ex, m, s) -> {
            Job j = finished(job(s, m));
            String kind = m.group(2);
            Path file = JobRunner.download(j, kind);
            String type = switch (kind) {
                case "mp4" -> "video/mp4";
                case "gif" -> "image/gif";
                default -> "application/zip";
            };
            Http.file(ex, file, type, "videoshop-" + j.video().id() + "-" + JobRunner.fileName(kind));
        });
    }

    private void route(String method, String regex, boolean createsSession, Handler handler) {
        routes.add(new Route(method, Pattern.compile(regex), createsSession, handler));
    }

    /** Serves one request under {@code /api/}; 404 or 405 with a JSON error when no route takes it. */
    void handle(HttpExchange ex, String path) throws IOException, InterruptedException {
        boolean pathKnown = false;
        for (Route r : routes) {
            Matcher m = r.path().matcher(path);
            if (!m.matches()) {
                continue;
            }
            pathKnown = true;
            if (r.method().equals(ex.getRequestMethod())) {
                Session s = r.createsSession() ? sessions.findOrCreate(ex) : sessions.find(ex);
                r.handler().handle(ex, m, s);
                return;
            }
        }
        if (pathKnown) {
            throw new HttpError(405, "Expected another method than " + ex.getRequestMethod() + " for " + path);
        }
        throw HttpError.notFound("Expected an API path (see /api/info) but found '" + Ids.shorten(path) + "'");
    }

    private SourceVideo.Facts facts(SourceVideo v) {
        Windows plan = Windows.plan(v.count(), config.defaults().windowFrames(spec), config.defaults().windowOverlap());
        return v.facts(plan.count(), spec.width(), spec.height());
    }

    private void openClip(HttpExchange ex, Matcher m, Session s) throws IOException {
        Map<?, ?> body = parse(Http.body(ex, 64 * 1024, "a clip request"), Map.class, "{\"name\": CLIP}");
        Object name = body.get("name");
        Http.json(ex, 200, facts(library.openClip(s, name instanceof String n ? n : null)));
    }

    private void editedFirst(HttpExchange ex, Matcher m, Session s) throws IOException {
        SourceVideo v = video(s, m);
        BufferedImage img = Library.image(Http.body(ex, config.maxUploadBytes(), "an edited first frame"), v,
                "the edited first frame");
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        Http.bytes(ex, 200, "image/png", png.toByteArray());
    }

    private void submit(HttpExchange ex, Matcher m, Session s) throws IOException {
        JobRequest r = parse(Http.body(ex, config.maxUploadBytes(), "a job request"), JobRequest.class,
                "{\"video\": ID, \"editedFirst\": DATA-URL, \"mask\": DATA-URL or null, \"strength\", \"steps\", "
                        + "\"seed\", \"inversion\", \"outputMode\", \"sigmaSpacing\", \"normalization\", \"format\"}");
        SourceVideo v = s.video(r.video());
        String format = r.format() == null ? "mp4" : r.format();
        if (!JobRunner.OUTPUTS.contains(format)) {
            throw HttpError.badRequest("Expected format mp4, gif or png but found '" + Ids.shorten(format) + "'");
        }
        VideoshopOptions options = jobOptions.of(r);
        if (r.editedFirst() == null) {
            throw HttpError.badRequest("Expected editedFirst, the edited first frame as a data URL, but found none");
        }
        BufferedImage edited = Library.image(dataUrl(r.editedFirst(), "editedFirst"), v, "the edited first frame");
        BufferedImage mask = r.mask() == null ? null : Library.image(dataUrl(r.mask(), "mask"), v, "the mask");
        if (s.pendingJobs() >= ServeConfig.MAX_PENDING_PER_SESSION) {
            throw HttpError.tooMany("Expected at most " + ServeConfig.MAX_PENDING_PER_SESSION + " jobs of one session"
                    + " waiting or running but found " + s.pendingJobs() + "; cancel one or wait");
        }
        String id = Ids.next(8);
        Job job = new Job(id, v, options, format, edited, mask, s.folder().resolve("j-" + id));
        Files.createDirectories(job.folder());
        try {
            queue.submit(job);
        } catch (HttpError full) {
            Sessions.deleteTree(job.folder());
            throw full;
        }
        s.add(job);
        Http.json(ex, 200, job.snapshot());
    }

    private static byte[] dataUrl(String url, String field) {
        int comma = url.indexOf(',');
        if (!url.startsWith("data:") || comma < 0 || !url.substring(0, comma).endsWith(";base64")) {
            throw HttpError.badRequest("Expected " + field + " to be a base64 data URL (data:image/png;base64,...) "
                    + "but found '" + Ids.shorten(url) + "'");
        }
        try {
            return Base64.getDecoder().decode(url.substring(comma + 1));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Expected " + field + " to hold valid base64 but found: " + e.getMessage());
        }
    }

    private static <T> T parse(byte[] body, Class<T> type, String expected) {
        try {
            T value = Http.JSON.readValue(body, type);
            if (value == null) {
                throw HttpError.badRequest("Expected a JSON object " + expected + " but found null");
            }
            return value;
        } catch (JsonMappingException e) {
            throw HttpError.badRequest("Expected a JSON object " + expected + " but found: "
                    + Ids.shorten(e.getOriginalMessage()));
        } catch (IOException e) {
            throw HttpError.badRequest("Expected a JSON object " + expected + " but found malformed JSON: "
                    + Ids.shorten(e.getMessage()));
        }
    }

    private static SourceVideo video(Session s, Matcher m) {
        if (s == null) {
            Ids.check(m.group(1), "video");
            throw HttpError.notFound("Expected the id of a video opened in this session but found unknown video '"
                    + m.group(1) + "' (no session: cookies off, or the session expired)");
        }
        return s.video(m.group(1));
    }

    private static Job job(Session s, Matcher m) {
        if (s == null) {
            Ids.check(m.group(1), "job");
            throw HttpError.notFound("Expected the id of a job of this session but found unknown job '"
                    + m.group(1) + "' (no session: cookies off, or the session expired)");
        }
        return s.job(m.group(1));
    }

    private static Job finished(Job j) {
        if (j.state() != Job.State.DONE) {
            throw new HttpError(409, "Expected a finished job but job " + j.id() + " is " + j.state().label());
        }
        return j;
    }

    /** {@code frame_0000.png} for a client's index in [0, count); 404 for anything else. */
    private static String frameName(String index, int count) {
        if (!index.matches("\\d{1,6}") || Integer.parseInt(index) >= count) {
            throw HttpError.notFound("Expected a frame index in [0, " + count + ") but found '" + Ids.shorten(index)
                    + "'");
        }
        return String.format(Locale.ROOT, "frame_%04d.png", Integer.parseInt(index));
    }

    /** Streams the job's snapshots as Server-Sent Events until it is finished. */
    private void events(HttpExchange ex, Job job) throws IOException, InterruptedException {
        if (!eventStreams.tryAcquire()) {
            throw HttpError.tooMany("Expected at most " + MAX_EVENT_STREAMS + " progress streams open at once but "
                    + "found that many; poll /api/jobs/ID instead");
        }
        try {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                long seen = Long.MIN_VALUE;
                while (true) {
                    Job.Snapshot s = seen == Long.MIN_VALUE ? job.snapshot() : job.awaitChange(seen, KEEP_ALIVE_MILLIS);
                    if (s.version() == seen) {
                        out.write(": waiting\n\n".getBytes(StandardCharsets.UTF_8));
                    } else {
                        seen = s.version();
                        out.write(("event: progress\ndata: " + Http.JSON.writeValueAsString(s) + "\n\n")
                                .getBytes(StandardCharsets.UTF_8));
                    }
                    out.flush();
                    if (job.state().finished() && s.version() == job.snapshot().version()) {
                        return;
                    }
                }
            }
        } finally {
            eventStreams.release();
        }
    }
}
