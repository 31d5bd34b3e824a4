package org.videoshop.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.videoshop.cli.serve.ServeFixture.error;
import static org.videoshop.cli.serve.ServeFixture.follow;
import static org.videoshop.cli.serve.ServeFixture.jobRequest;
import static org.videoshop.cli.serve.ServeFixture.ok;
import static org.videoshop.cli.serve.ServeFixture.runJob;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.cli.video.Clip;
import org.videoshop.cli.video.VideoIO;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;

/**
 * {@code videoshop serve}'s HTTP API doing its work, on the real bundled tiny model: a video's facts and frames, a
 * job followed over Server-Sent Events to its downloads, a painted mask, and progress through the windows of a long
 * clip.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeJobsTest {

    @TempDir
    static Path dir;

    VideoshopServer server;
    Path mp4;

    @BeforeAll
    void start() throws Exception {
        Path clips = Files.createDirectories(dir.resolve("clips"));
        mp4 = ServeFixture.write(ServeFixture.sample(1), clips, "sample.mp4");
        ServeFixture.write(ServeFixture.sample(1), clips, "sample.gif");
        ServeFixture.write(ServeFixture.sample(1), clips, "frames"); // a folder of numbered PNGs
        Files.writeString(clips.resolve("notes.txt"), "not a video: not offered");
        server = VideoshopServer.start(ServeFixture.smallServer(clips));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    ServeFixture.Client client() {
        return new ServeFixture.Client(server);
    }

    @Test
    void infoNamesTheModelAndTheLimits() throws Exception {
        JsonNode info = ok(client().get("/api/info"));
        assertEquals("tiny", info.path("model").path("name").asText());
        assertEquals(ServeFixture.MAX_UPLOAD, info.path("limits").path("maxUploadBytes").asLong());
        assertEquals(ServeFixture.MAX_FRAMES, info.path("limits").path("maxFrames").asInt());
        assertEquals(List.of("frames", "sample.gif", "sample.mp4"), Http.JSON.convertValue(
                ok(client().get("/api/clips")).path("clips"), List.class));
    }

    @Test
    void uploadShowsFactsAndFrames() throws Exception {
        ServeFixture.Client c = client();
        JsonNode facts = c.upload(mp4);
        assertEquals(8, facts.path("frames").asInt());
        assertEquals(32, facts.path("width").asInt());
        assertEquals(32, facts.path("height").asInt());
        assertEquals("sample.mp4", facts.path("name").asText());
        HttpResponse<byte[]> frame = c.get("/api/videos/" + facts.path("id").asText() + "/frames/7");
        assertEquals(200, frame.statusCode());
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(frame.body()));
        assertEquals(32, img.getWidth());
        JsonNode gif = ok(c.postJson("/api/clips/open", Map.of("name", "sample.gif")));
        assertEquals(8, gif.path("frames").asInt());
        JsonNode pngs = ok(c.postJson("/api/clips/open", Map.of("name", "frames")));
        assertEquals(8, pngs.path("frames").asInt());
        assertEquals(false, pngs.path("fpsFromSource").asBoolean());
        assertEquals(7.0, pngs.path("fps").asDouble());
    }

    @Test
    void aJobRunsToItsDownloads() throws Exception {
        ServeFixture.Client c = client();
        String vid = c.upload(mp4).path("id").asText();
        JsonNode done = runJob(c, vid, 10);
        String jid = done.path("id").asText();
        assertEquals(100.0, done.path("percent").asDouble());
        for (String kind : List.of("mp4", "gif", "png")) {
            HttpResponse<byte[]> r = c.get("/api/jobs/" + jid + "/download/" + kind);
            assertEquals(200, r.statusCode(), kind);
            assertTrue(r.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
            Path file = dir.resolve("download-" + jid + "." + (kind.equals("png") ? "zip" : kind));
            Files.write(file, r.body());
            if (!kind.equals("png")) {
                Clip clip = VideoIO.read(file);
                assertEquals(8, clip.size(), kind);
                assertEquals(32, clip.width(), kind);
                assertEquals(32, clip.height(), kind);
            } else {
                try (var zip = new java.util.zip.ZipFile(file.toFile())) {
                    assertEquals(8, zip.size());
                }
            }
        }
        error(c.get("/api/jobs/" + jid + "/frames/8"), 404, "frame index in [0, 8)");
        assertEquals(200, c.get("/api/jobs/" + jid + "/frames/7").statusCode());
    }

    @Test
    void aPaintedMaskKeepsTheRestOfEveryFrame() throws Exception {
        ServeFixture.Client c = client();
        String vid = c.upload(mp4).path("id").asText();
        BufferedImage mask = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = mask.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 12, 32); // the left 12 columns may change
        g.dispose();
        Map<String, Object> job = jobRequest(vid, 4);
        job.put("mask", ServeFixture.dataUrl(ServeFixture.png(mask)));
        job.put("outputMode", "regenerate"); // inside the mask every pixel is the model's
        String jid = ok(c.postJson("/api/jobs", job)).path("id").asText();
        JsonNode done = follow(c, jid);
        assertEquals("done", done.path("state").asText(), done::toString);
        int changedInside = 0;
        for (int f = 0; f < 8; f++) {
            BufferedImage src = ImageIO.read(new ByteArrayInputStream(c.get("/api/videos/" + vid + "/frames/" + f)
                    .body()));
            BufferedImage out = ImageIO.read(new ByteArrayInputStream(c.get("/api/jobs/" + jid + "/frames/" + f)
                    .body()));
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    if (x >= 12 + org.videoshop.tensor.Mask.DEFAULT_FEATHER + 1) {
                        assertEquals(src.getRGB(x, y), out.getRGB(x, y), "frame " + f + " pixel " + x + "," + y);
                    } else if (x < 8 && src.getRGB(x, y) != out.getRGB(x, y)) {
                        changedInside++;
                    }
                }
            }
        }
        assertTrue(changedInside > 0, "Expected the edit to change something inside the mask");
    }

    @Test
    void theOutputModeDecidesWhatFrameZeroIs() throws Exception {
        ServeFixture.Client c = client();
        String vid = c.upload(mp4).path("id").asText();
        BufferedImage edited = ServeFixture.sampleEdit(1);
        Map<String, BufferedImage> first = new java.util.HashMap<>();
        for (String mode : List.of("detail", "regenerate")) {
            Map<String, Object> job = jobRequest(vid, 4);
            job.put("outputMode", mode);
            job.put("format", "gif");
            JsonNode done = follow(c, ok(c.postJson("/api/jobs", job)).path("id").asText());
            assertEquals("done", done.path("state").asText(), done::toString);
            assertEquals("gif", done.path("format").asText());
            first.put(mode, ImageIO.read(new ByteArrayInputStream(c.get("/api/jobs/" + done.path("id").asText()
                    + "/frames/0").body())));
        }
        assertTrue(org.videoshop.cli.video.Frames.sameRgb(edited, first.get("detail")),
                "Expected detail mode to give the edited first frame exactly as frame 0");
        assertTrue(!org.videoshop.cli.video.Frames.sameRgb(edited, first.get("regenerate")),
                "Expected regenerate mode to give the model's own frame 0");
    }

    /**
     * A job chooses its schedule and normalisation by provider name from those {@code /api/info} lists (found by
     * ServiceLoader: the built-ins and this module's test provider {@code karras-rho3}); the result's provenance
     * names them and holds the noise levels that schedule gives; each changes the frames.
     */
    @Test
    void aJobTakesItsScheduleAndNormalizationByNameAndRecordsThem() throws Exception {
        ServeFixture.Client c = client();
        JsonNode info = ok(c.get("/api/info"));
        assertEquals(List.of("karras", "exponential", "karras-rho3"), Http.JSON.convertValue(
                info.path("choices").path("sigmaSpacing"), List.class));
        assertEquals(List.of("per-channel", "per-frame"), Http.JSON.convertValue(
                info.path("choices").path("normalization"), List.class));
        assertEquals("karras", info.path("defaults").path("sigmaSpacing").asText());
        assertEquals("per-channel", info.path("defaults").path("normalization").asText());
        String vid = c.upload(mp4).path("id").asText();
        JsonNode plain = regenerated(c, vid, null, null);
        JsonNode users = regenerated(c, vid, "KARRAS-rho3", "per-frame");
        JsonNode perFrame = regenerated(c, vid, null, "Per-Frame");

        ModelSpec spec;
        try (VideoshopModel model = VideoshopModel.open("tiny")) {
            spec = model.spec();
        }
        JsonNode made = users.path("provenance");
        assertEquals("karras-rho3", made.path("sigmaSpacing").asText(), made::toString);
        assertEquals("per-frame", made.path("normalization").asText(), made::toString);
        assertEquals(4, made.path("steps").asInt());
        assertEquals("regenerate", made.path("outputMode").asText());
        assertEquals(sigmas("karras-rho3", spec), Http.JSON.convertValue(made.path("sigmas"), List.class));
        JsonNode defaults = plain.path("provenance");
        assertEquals("karras", defaults.path("sigmaSpacing").asText(), defaults::toString);
        assertEquals("per-channel", defaults.path("normalization").asText(), defaults::toString);
        assertEquals(sigmas("karras", spec), Http.JSON.convertValue(defaults.path("sigmas"), List.class));
        assertEquals("per-frame", perFrame.path("provenance").path("normalization").asText());
        assertTrue(!sigmas("karras", spec).equals(sigmas("karras-rho3", spec)), "the two schedules differ");
        assertTrue(framesDiffer(c, plain, users), "Expected the user's schedule to change the frames");
        assertTrue(framesDiffer(c, plain, perFrame), "Expected per-frame normalisation to change the frames");
    }

    /** A 4-step job of plain regeneration with those provider names (null: the server's); its last snapshot. */
    private static JsonNode regenerated(ServeFixture.Client c, String vid, String spacing, String normalization)
            throws Exception {
        Map<String, Object> job = jobRequest(vid, 4);
        job.put("outputMode", "regenerate");
        if (spacing != null) {
            job.put("sigmaSpacing", spacing);
        }
        if (normalization != null) {
            job.put("normalization", normalization);
        }
        JsonNode done = follow(c, ok(c.postJson("/api/jobs", job)).path("id").asText());
        assertEquals("done", done.path("state").asText(), done::toString);
        return done;
    }

    /** The levels a 4-step job at strength 0.5 walks with that schedule on the model. */
    private static List<Double> sigmas(String spacing, ModelSpec spec) {
        double[] levels = org.videoshop.VideoshopOptions.builder().sigmaSpacing(spacing).steps(4).strength(0.5)
                .build().schedule(spec).sigmas();
        return java.util.Arrays.stream(levels).boxed().toList();
    }

    private static boolean framesDiffer(ServeFixture.Client c, JsonNode a, JsonNode b) throws Exception {
        for (int f = 1; f < 8; f++) {
            BufferedImage x = ImageIO.read(new ByteArrayInputStream(c.get("/api/jobs/" + a.path("id").asText()
                    + "/frames/" + f).body()));
            BufferedImage y = ImageIO.read(new ByteArrayInputStream(c.get("/api/jobs/" + b.path("id").asText()
                    + "/frames/" + f).body()));
            if (!org.videoshop.cli.video.Frames.sameRgb(x, y)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void progressRunsThroughEveryWindowOfALongClip() throws Exception {
        Clip sample = ServeFixture.sample(1);
        ServeFixture.Client c = client();
        // two windows of the model's native length overlapping by 2: the sample there and back (and on)
        int n = ok(c.get("/api/info")).path("model").path("nativeFrames").asInt() + 2;
        assertTrue(n <= ServeFixture.MAX_FRAMES, "the server takes " + n + " frames");
        List<BufferedImage> frames = new ArrayList<>();
        for (int i = 0, step = 1; frames.size() < n; i += step) {
            frames.add(sample.frames().get(i));
            step = i + step < 0 || i + step >= sample.size() ? -step : step;
        }
        Path gif = ServeFixture.write(new Clip(frames, 7.0), dir, "there-and-back.gif");
        JsonNode facts = ok(c.post("/api/videos?name=there-and-back.gif", Files.readAllBytes(gif), "image/gif"));
        assertEquals(n, facts.path("frames").asInt());
        assertEquals(2, facts.path("windows").asInt());
        JsonNode done = runJob(c, facts.path("id").asText(), 4); // runJob checks that progress never goes back
        assertEquals(2, done.path("windows").asInt());
        assertEquals(1, done.path("window").asInt(), "Expected the last window reached: " + done);
        assertEquals(200, c.get("/api/jobs/" + done.path("id").asText() + "/frames/" + (n - 1)).statusCode());
    }
}
