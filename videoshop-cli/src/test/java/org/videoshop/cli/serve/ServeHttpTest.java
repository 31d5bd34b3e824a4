package org.videoshop.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.videoshop.cli.serve.ServeFixture.await;
import static org.videoshop.cli.serve.ServeFixture.error;
import static org.videoshop.cli.serve.ServeFixture.files;
import static org.videoshop.cli.serve.ServeFixture.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.VideoshopOptions;
import org.videoshop.cli.video.Clip;

/**
 * {@code videoshop serve}'s HTTP API with a plain {@code java.net.http} client, on the real bundled tiny model: bad
 * uploads, bad edited frames, path traversal in every parameter, unknown ids and concurrent requests each get a
 * clear 4xx with a JSON error and leave nothing on disk (the work itself: {@link ServeJobsTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeHttpTest {

    @TempDir
    static Path dir;

    VideoshopServer server;
    Path clips;
    Path mp4;

    @BeforeAll
    void start() throws IOException {
        clips = Files.createDirectories(dir.resolve("clips"));
        mp4 = ServeFixture.write(ServeFixture.sample(1), clips, "sample.mp4");
        ServeFixture.write(ServeFixture.sample(1), clips, "sample.gif");
        server = VideoshopServer.start(ServeFixture.smallServer(clips));
    }

    @AfterAll
    void stop() {
        Path root = server.root();
        server.close();
        assertFalse(Files.exists(root), "Expected the server's temporary folder to be deleted at shutdown");
        server.close(); // twice is harmless
    }

    ServeFixture.Client client() {
        return new ServeFixture.Client(server);
    }

    @Test
    void oversizedUploadIs413AndLeavesNothing() throws Exception {
        ServeFixture.Client c = client();
        byte[] big = new byte[(int) ServeFixture.MAX_UPLOAD + 1];
        new Random(1).nextBytes(big);
        List<Path> before = files(server.root());
        error(c.post("/api/videos?name=big.mp4", big, "application/octet-stream"), 413, "at most 204,800 bytes");
        assertEquals(before, files(server.root()));
    }

    @Test
    void tooManyFramesOrTooLargeFramesAre413() throws Exception {
        Clip sample = ServeFixture.sample(1);
        List<BufferedImage> frames = new ArrayList<>();
        for (int i = 0; i < ServeFixture.MAX_FRAMES + 1; i++) {
            frames.add(sample.frames().get(i % sample.size()));
        }
        Path longGif = ServeFixture.write(new Clip(frames, 7.0), dir, "long.gif");
        Path wideGif = ServeFixture.write(ServeFixture.sample(9), dir, "wide.gif"); // 288 px > 256
        List<Path> before = files(server.root());
        ServeFixture.Client c = client();
        error(c.post("/api/videos?name=long.gif", Files.readAllBytes(longGif), "image/gif"), 413,
                "at most " + ServeFixture.MAX_FRAMES + " frames");
        error(c.post("/api/videos?name=wide.gif", Files.readAllBytes(wideGif), "image/gif"), 413,
                "at most 256 pixels");
        assertEquals(before, files(server.root()));
    }

    @Test
    void corruptVideoIs400AndLeavesNothing() throws Exception {
        ServeFixture.Client c = client();
        byte[] mp4Bytes = Files.readAllBytes(mp4);
        byte[] truncated = java.util.Arrays.copyOf(mp4Bytes, mp4Bytes.length / 3);
        byte[] noise = new byte[5000];
        new Random(2).nextBytes(noise);
        List<Path> before = files(server.root());
        for (byte[] bad : List.of(truncated, noise, "not a video at all".getBytes())) {
            JsonNode e = error(c.post("/api/videos?name=x.mp4", bad, "video/mp4"), 400, "video");
            assertFalse(e.path("error").asText().contains(server.root().toString()),
                    "Expected no server path in the message: " + e);
        }
        error(c.post("/api/videos?name=empty.mp4", new byte[0], "video/mp4"), 400, "empty upload");
        error(c.post("/api/videos?name=frame.png", ServeFixture.png(ServeFixture.sampleEdit(1)), "image/png"), 400,
                "single still image");
        assertEquals(before, files(server.root()));
    }

    @Test
    void nonImageEditedFrameIs400AndStartsNoJob() throws Exception {
        ServeFixture.Client c = client();
        String vid = c.upload(mp4).path("id").asText();
        List<Path> before = files(server.root());
        error(c.post("/api/videos/" + vid + "/edited-first", "GIF89a but not really".getBytes(),
                "image/png"), 400, "no image reader recognises");
        error(c.post("/api/videos/" + vid + "/edited-first", ServeFixture.png(ServeFixture.sampleEdit(2)),
                "image/png"), 400, "32x32 like the video's frames but found 64x64");
        Map<String, Object> job = new HashMap<>();
        job.put("video", vid);
        job.put("editedFirst", ServeFixture.dataUrl("%PDF-1.4 not an image".getBytes()));
        error(c.postJson("/api/jobs", job), 400, "no image reader recognises");
        job.put("editedFirst", "https://example.org/first.png");
        error(c.postJson("/api/jobs", job), 400, "base64 data URL");
        job.put("editedFirst", "data:image/png;base64,@@@");
        error(c.postJson("/api/jobs", job), 400, "valid base64");
        job.put("editedFirst", ServeFixture.dataUrl(ServeFixture.png(ServeFixture.sampleEdit(1))));
        job.put("mask", ServeFixture.dataUrl("no mask".getBytes()));
        error(c.postJson("/api/jobs", job), 400, "the mask to be a PNG");
        job.remove("mask");
        job.put("steps", 0);
        error(c.postJson("/api/jobs", job), 400, "steps in [1, " + VideoshopOptions.MAX_STEPS + "]");
        job.put("steps", 10);
        job.put("format", "exe");
        error(c.postJson("/api/jobs", job), 400, "format mp4, gif or png");
        job.put("format", "gif");
        job.put("outputMode", "sharpest");
        error(c.postJson("/api/jobs", job), 400, "outputMode detail or regenerate");
        job.put("outputMode", "detail");
        job.put("sigmaSpacing", "cosine"); // refused by the options' own check, naming the schedules found
        error(c.postJson("/api/jobs", job), 400, "Expected sigmaSpacing to name a schedule found on the classpath,"
                + " one of karras, exponential, karras-rho3, but found 'cosine'");
        job.put("sigmaSpacing", "x".repeat(5000));
        error(c.postJson("/api/jobs", job), 400, "sigmaSpacing to name a provider (at most 64 characters)");
        job.put("sigmaSpacing", "exponential");
        job.put("normalization", "per-pixel");
        error(c.postJson("/api/jobs", job), 400, "Expected normalization to name a latent normalization found on"
                + " the classpath, one of per-channel, per-frame, but found 'per-pixel'");
        error(c.post("/api/jobs", "{\"video\": ".getBytes(), "application/json"), 400, "malformed JSON");
        error(c.post("/api/jobs", "{\"video\": 1, \"bogus\": 2}".getBytes(), "application/json"), 400, "bogus");
        assertEquals(before, files(server.root()));
        assertEquals(0, ok(c.get("/api/jobs")).path("jobs").size());
        HttpResponse<byte[]> echoed = c.post("/api/videos/" + vid + "/edited-first",
                ServeFixture.png(ServeFixture.sampleEdit(1)), "image/png");
        assertEquals(200, echoed.statusCode());
        assertEquals(32, ImageIO.read(new ByteArrayInputStream(echoed.body())).getWidth());
    }

    @Test
    void pathTraversalInEveryParameterIs4xx() throws Exception {
        ServeFixture.Client c = client();
        String vid = c.upload(mp4).path("id").asText();
        JsonNode job = ServeFixture.runJob(c, vid, 4);
        String jid = job.path("id").asText();
        Set<Path> before = new HashSet<>(files(server.root()));
        Set<Path> outside = new HashSet<>(files(dir));
        String[] gets = {
            "/api/videos/..%2F..%2F..%2Fetc%2Fpasswd",
            "/api/videos/..%2Fs-x/frames/0",
            "/api/videos/" + vid + "/frames/..%2F..%2F..%2Fetc%2Fpasswd",
            "/api/videos/" + vid + "/frames/%2e%2e%2fframe_0000.png",
            "/api/videos/" + vid + "/frames/-1",
            "/api/videos/" + vid + "/frames/8",
            "/api/jobs/..%2F" + vid,
            "/api/jobs/" + jid + "/frames/..%2F..%2Fv-" + vid + "%2Fframe_0000.png",
            "/api/jobs/" + jid + "/download/..%2F..%2F..%2Fetc%2Fpasswd",
            "/api/jobs/" + jid + "/download/..%2Fedited.mp4",
            "/api/jobs/" + jid + "/download/zip",
            "/..%2F..%2Fetc%2Fpasswd",
            "/app.js%2F..%2F..%2Fpom.xml",
            "/web/app.js",
            "/org/videoshop/cli/serve/web/index.html",
        };
        for (String path : gets) {
            HttpResponse<byte[]> r = c.get(path);
            assertTrue(r.statusCode() == 404 || r.statusCode() == 400, () -> path + " gave " + r.statusCode());
            error(r, r.statusCode(), "");
        }
        error(c.postJson("/api/clips/open", Map.of("name", "../../../../etc/passwd")), 404, "name of a clip");
        error(c.postJson("/api/clips/open", Map.of("name", clips.resolve("sample.mp4").toString())), 404,
                "name of a clip");
        error(c.postJson("/api/clips/open", Map.of("name", "..")), 404, "name of a clip");
        error(c.post("/api/videos?name=..%2F..%2Fevil.mp4", Files.readAllBytes(mp4), "video/mp4"), 400,
                "plain file name");
        error(c.post("/api/videos?name=..", Files.readAllBytes(mp4), "video/mp4"), 400, "plain file name");
        error(c.postJson("/api/jobs", Map.of("video", "../v-" + vid)), 404, "video id");
        error(c.post("/api/jobs/..%2F" + jid + "/cancel", new byte[0], "application/json"), 404, "");
        error(new ServeFixture.Client(server).get("/api/jobs/" + jid), 404, "unknown job");
        assertEquals(before, new HashSet<>(files(server.root())));
        assertEquals(outside, new HashSet<>(files(dir)));
    }

    @Test
    void unknownJobIdsAre404() throws Exception {
        ServeFixture.Client c = client();
        String vid = c.upload(mp4).path("id").asText();
        String jid = ServeFixture.runJob(c, vid, 4).path("id").asText();
        String unknown = "0123456789abcdef";
        for (String path : List.of("/api/jobs/" + unknown, "/api/jobs/" + unknown + "/events",
                "/api/jobs/" + unknown + "/frames/0", "/api/jobs/" + unknown + "/download/mp4")) {
            error(c.get(path), 404, "unknown job");
        }
        error(c.post("/api/jobs/" + unknown + "/cancel", new byte[0], "application/json"), 404, "unknown job");
        error(c.get("/api/jobs/not-an-id"), 404, "job id");
        ServeFixture.Client other = client();
        other.upload(mp4); // a session of its own
        error(other.get("/api/jobs/" + jid), 404, "unknown job");
        error(other.get("/api/videos/" + vid), 404, "unknown video");
        error(c.get("/api/nothing"), 404, "API path");
        error(c.get("/api/info/x"), 404, "API path");
        HttpResponse<byte[]> wrongMethod = c.post("/api/info", new byte[0], "application/json");
        error(wrongMethod, 405, "another method");
    }

    @Test
    void postsWithoutThePageHeaderAre403() throws Exception {
        ServeFixture.Client c = client();
        HttpResponse<byte[]> r = c.http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(c.base + "/api/videos")).POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                Files.readAllBytes(mp4))).build(), HttpResponse.BodyHandlers.ofByteArray());
        error(r, 403, VideoshopServer.CSRF_HEADER);
    }

    @Test
    void concurrentRequestsEachGetTheirAnswer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            byte[] bytes = Files.readAllBytes(mp4);
            byte[] noise = new byte[4000];
            new Random(3).nextBytes(noise);
            for (int i = 0; i < 8; i++) {
                calls.add(() -> client().post("/api/videos?name=a.mp4", bytes, "video/mp4").statusCode());
                calls.add(() -> {
                    HttpResponse<byte[]> r = client().post("/api/videos?name=b.mp4", noise, "video/mp4");
                    error(r, 400, "video");
                    return r.statusCode();
                });
                calls.add(() -> {
                    HttpResponse<byte[]> r = client().get("/api/jobs/0123456789abcdef/events");
                    error(r, 404, "unknown job");
                    return r.statusCode();
                });
            }
            Map<Integer, Integer> counts = new HashMap<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                counts.merge(f.get(), 1, Integer::sum);
            }
            assertEquals(Map.of(200, 8, 400, 8, 404, 8), counts);
            // a queue of 3: long jobs from several sessions fill it, the next is refused with 429, all are cancelled
            List<ServeFixture.Client> clients = new ArrayList<>();
            List<Future<HttpResponse<byte[]>>> submits = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ServeFixture.Client c = client();
                String vid = c.upload(mp4).path("id").asText();
                clients.add(c);
                submits.add(pool.submit(() -> c.postJson("/api/jobs", ServeFixture.jobRequest(vid, VideoshopOptions.MAX_STEPS))));
            }
            List<HttpResponse<byte[]>> answers = new ArrayList<>();
            for (Future<HttpResponse<byte[]>> f : submits) {
                answers.add(f.get()); // all answered before any is cancelled, which would free a place
            }
            int accepted = 0;
            int refused = 0;
            for (int i = 0; i < answers.size(); i++) {
                HttpResponse<byte[]> r = answers.get(i);
                if (r.statusCode() == 200) {
                    accepted++;
                    String jid = Http.JSON.readTree(r.body()).path("id").asText();
                    ok(clients.get(i).post("/api/jobs/" + jid + "/cancel", new byte[0], "application/json"));
                } else {
                    error(r, 429, "jobs waiting or running");
                    refused++;
                }
            }
            assertEquals(3, accepted);
            assertEquals(2, refused);
            await("the queue to empty after cancelling", () -> server.pendingJobs() == 0);
        } finally {
            pool.shutdownNow();
        }
    }

}
