package org.videoshop.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.videoshop.VideoshopOptions;
import org.videoshop.cli.TestClips;
import org.videoshop.cli.video.Clip;
import org.videoshop.cli.video.Frames;
import org.videoshop.cli.video.VideoIO;

/** Test helpers for {@code videoshop serve}: small test clips, an HTTP client per session. */
final class ServeFixture {

    /** Longest any test waits for a condition. */
    static final Duration WAIT = Duration.ofSeconds(90);
    /** The upload limit of {@link #smallServer}: 200 kB. */
    static final long MAX_UPLOAD = 200 * 1024;
    /** The frame limit of {@link #smallServer}. */
    static final int MAX_FRAMES = 16;

    /** A local server on a free port offering {@code clips}, with small limits (3 jobs queued at most). */
    static ServeConfig smallServer(Path clips) {
        return ServeConfig.local().withPort(0).withClips(clips)
                .withLimits(MAX_UPLOAD, MAX_FRAMES, 256, Duration.ofMinutes(10), 3);
    }

    /** The settings {@code videoshop serve FLAGS...} starts its server with, parsed as the command line does. */
    static ServeConfig fromFlags(String... flags) {
        String[] args = Stream.concat(Stream.of("serve"), Stream.of(flags)).toArray(String[]::new);
        picocli.CommandLine.ParseResult parsed = org.videoshop.cli.VideoshopCli.commandLine().parseArgs(args);
        return ((ServeCommand) parsed.subcommand().commandSpec().userObject()).config();
    }

    private ServeFixture() {
    }

    /**
     * A small test clip (8 frames of 32x32, a red disc moving over two colours; the bundled sample is a 384x216
     * photograph, larger than these tests' upload limits) enlarged {@code factor} times, at the CLI's frame rate.
     */
    static Clip sample(int factor) throws IOException {
        List<BufferedImage> frames = new ArrayList<>();
        for (BufferedImage f : TestClips.movingDisc(8, 32, 32)) {
            frames.add(Frames.upscale(f, factor));
        }
        return new Clip(frames, Clip.DEFAULT_FPS);
    }

    /** The test clip's first frame with the disc recoloured yellow, enlarged the same way. */
    static BufferedImage sampleEdit(int factor) throws IOException {
        return Frames.upscale(TestClips.frame(0, 8, 32, 32, java.awt.Color.YELLOW), factor);
    }

    /** Writes the clip as {@code name} (its extension picks the kind) into {@code dir}. */
    static Path write(Clip clip, Path dir, String name) throws IOException {
        Path file = dir.resolve(name);
        VideoIO.write(clip, file, Clip.DEFAULT_FPS);
        return file;
    }

    static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    static String dataUrl(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    /** The regular files under the server's temporary root. */
    static List<Path> files(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    /** Waits (bounded) until the condition holds, checking it every 20 ms; fails saying what was awaited. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Expected " + what + " within " + WAIT.toSeconds() + " s but it did not happen");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for " + what);
            }
        }
    }

    static Map<String, Object> jobRequest(String vid, int steps) throws IOException {
        Map<String, Object> job = new HashMap<>();
        job.put("video", vid);
        job.put("steps", steps);
        job.put("strength", steps == VideoshopOptions.MAX_STEPS ? 1.0 : 0.5);
        job.put("editedFirst", dataUrl(png(sampleEdit(1))));
        return job;
    }

    /** Submits a job and follows its event stream to the end; returns its last snapshot (fails unless done). */
    static JsonNode runJob(Client c, String vid, int steps) throws Exception {
        String jid = ok(c.postJson("/api/jobs", jobRequest(vid, steps))).path("id").asText();
        JsonNode last = follow(c, jid);
        assertEquals("done", last.path("state").asText(), last::toString);
        return last;
    }

    /** Follows a job's event stream to its end; returns the last snapshot, checking that progress never goes back. */
    static JsonNode follow(Client c, String jid) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> events = c.http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(c.base + "/api/jobs/" + jid + "/events")).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals("text/event-stream; charset=utf-8", events.headers().firstValue("Content-Type").orElse(""));
        JsonNode last = null;
        double percent = -1;
        for (String line : (Iterable<String>) events.body()::iterator) {
            if (line.startsWith("data: ")) {
                last = Http.JSON.readTree(line.substring(6));
                assertTrue(last.path("percent").asDouble() >= percent, "Expected progress never to go back: " + line);
                percent = last.path("percent").asDouble();
            }
        }
        return last;
    }

    /** One browser-like client: its own cookies (hence its own session), the page's header on every POST. */
    static final class Client {
        final HttpClient http;
        final String base;

        Client(VideoshopServer server) {
            this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10))
                    .build();
            this.base = "http://127.0.0.1:" + server.port();
        }

        HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(WAIT).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }

        HttpResponse<byte[]> post(String path, byte[] body, String type) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(WAIT)
                    .header("Content-Type", type).header(VideoshopServer.CSRF_HEADER, "1")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        HttpResponse<byte[]> postJson(String path, Object body) throws IOException, InterruptedException {
            return post(path, Http.JSON.writeValueAsBytes(body), "application/json");
        }

        /** Uploads a file as a video; returns its JSON facts (fails unless 200). */
        JsonNode upload(Path file) throws IOException, InterruptedException {
            return ok(post("/api/videos?name=" + file.getFileName(), Files.readAllBytes(file),
                    "application/octet-stream"));
        }
    }

    /** The JSON body of a 200 answer. */
    static JsonNode ok(HttpResponse<byte[]> r) throws IOException {
        assertEquals(200, r.statusCode(), () -> "Expected 200 but found " + r.statusCode() + ": " + new String(r.body()));
        return Http.JSON.readTree(r.body());
    }

    /** Asserts a 4xx answer of that status with a JSON error whose message contains {@code words}. */
    static JsonNode error(HttpResponse<byte[]> r, int status, String words) throws IOException {
        String body = new String(r.body());
        assertEquals(status, r.statusCode(), () -> "Expected " + status + " but found " + r.statusCode() + ": " + body);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                () -> "Expected a JSON error but found " + r.headers().firstValue("Content-Type") + ": " + body);
        JsonNode json = Http.JSON.readTree(r.body());
        assertTrue(json.path("error").asText().startsWith("Expected "), () -> "Expected an 'Expected ...' message: "
                + body);
        assertTrue(json.path("error").asText().contains(words), () -> "Expected the message to say '" + words
                + "' but found: " + body);
        return json;
    }
}
