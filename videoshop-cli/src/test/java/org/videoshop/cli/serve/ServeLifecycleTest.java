package org.videoshop.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.videoshop.cli.serve.ServeFixture.await;
import static org.videoshop.cli.serve.ServeFixture.error;
import static org.videoshop.cli.serve.ServeFixture.ok;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.VideoshopOptions;
import org.videoshop.cli.VideoshopCli;
import picocli.CommandLine;

/** {@code videoshop serve}'s lifecycle: the token, session expiry, shutdown mid-job, and the command's flags. */
class ServeLifecycleTest {

    @TempDir
    Path dir;

    @Test
    void aTokenIsRequiredOnEveryRequestWhenGiven() throws Exception {
        String token = "correct-horse-battery";
        try (VideoshopServer server = VideoshopServer.start(ServeConfig.local().withPort(0).withHost("127.0.0.1",
                token))) {
            assertTrue(server.url().endsWith("/?token=" + token), server.url());
            ServeFixture.Client c = new ServeFixture.Client(server);
            error(c.get("/api/info"), 401, "token");
            error(c.get("/api/info?token=wrong-token-here"), 401, "token");
            error(c.get("/"), 401, "token");
            HttpResponse<byte[]> page = c.get("/?token=" + token);
            assertEquals(200, page.statusCode());
            assertTrue(new String(page.body()).contains("<title>Videoshop</title>"));
            ok(c.get("/api/info")); // the cookie set by the page's address
            ServeFixture.Client bearer = new ServeFixture.Client(server);
            HttpResponse<byte[]> r = bearer.http.send(HttpRequest.newBuilder(URI.create(bearer.base + "/api/info"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
            ok(r);
        }
    }

    @Test
    void anIdleSessionIsDeletedWithItsFiles() throws Exception {
        Path mp4 = ServeFixture.write(ServeFixture.sample(1), dir, "clip.mp4");
        ServeConfig config = ServeConfig.local().withPort(0);
        config = config.withLimits(config.maxUploadBytes(), config.maxFrames(), config.maxSide(),
                Duration.ofSeconds(3), config.maxQueued()); // long enough to see the upload stored
        try (VideoshopServer server = VideoshopServer.start(config)) {
            ServeFixture.Client c = new ServeFixture.Client(server);
            String vid = c.upload(mp4).path("id").asText();
            assertFalse(ServeFixture.files(server.root()).isEmpty());
            await("the idle session to be removed", () -> server.sessions() == 0);
            assertEquals(java.util.List.of(), ServeFixture.files(server.root()));
            error(c.get("/api/videos/" + vid), 404, "unknown video");
        }
    }

    @Test
    void closingCancelsTheRunningJobAndDeletesEverything() throws Exception {
        Path mp4 = ServeFixture.write(ServeFixture.sample(1), dir, "clip.mp4");
        VideoshopServer server = VideoshopServer.start(ServeConfig.local().withPort(0));
        Path root = server.root();
        ServeFixture.Client c = new ServeFixture.Client(server);
        String vid = c.upload(mp4).path("id").asText();
        String jid = ok(c.postJson("/api/jobs", ServeFixture.jobRequest(vid, VideoshopOptions.MAX_STEPS)))
                .path("id").asText();
        await("the long job to run", () -> {
            try {
                return ok(c.get("/api/jobs/" + jid)).path("state").asText().equals("running");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        server.close();
        assertFalse(Files.exists(root), "Expected the temporary folder to be deleted");
        assertEquals(0, server.pendingJobs());
        server.close();
    }

    /**
     * Under {@code --no-normalize} a job has no normalisation to choose: {@code /api/info} says so (none listed,
     * why) and a job naming one is refused before any work; one naming none runs without normalisation.
     */
    @Test
    void noNormalizeLeavesNoNormalisationToChoose() throws Exception {
        Path mp4 = ServeFixture.write(ServeFixture.sample(1), dir, "clip.mp4");
        try (VideoshopServer server = VideoshopServer.start(ServeFixture.fromFlags("--no-normalize", "--port", "0"))) {
            ServeFixture.Client c = new ServeFixture.Client(server);
            com.fasterxml.jackson.databind.JsonNode info = ok(c.get("/api/info"));
            assertFalse(info.path("defaults").path("normalize").asBoolean(true), info::toString);
            assertTrue(info.path("defaults").path("normalization").isNull(), info::toString);
            assertEquals(0, info.path("choices").path("normalization").size(), info::toString);
            assertEquals(3, info.path("choices").path("sigmaSpacing").size(), "the schedules are still offered");
            assertEquals("the server was started with --no-normalize", info.path("normalizationOff").asText());
            String vid = c.upload(mp4).path("id").asText();
            java.util.Map<String, Object> job = ServeFixture.jobRequest(vid, 4);
            job.put("normalization", "per-frame");
            error(c.postJson("/api/jobs", job), 400, "Expected no normalization (latent normalisation is off: the"
                    + " server was started with --no-normalize) but found 'per-frame'");
            assertEquals(0, ok(c.get("/api/jobs")).path("jobs").size(), "Expected the refused job not to be queued");
            job.remove("normalization");
            com.fasterxml.jackson.databind.JsonNode done = ServeFixture.follow(c,
                    ok(c.postJson("/api/jobs", job)).path("id").asText());
            assertEquals("done", done.path("state").asText(), done::toString);
            assertFalse(done.path("provenance").path("normalize").asBoolean(true), done::toString);
        }
        try (VideoshopServer server = VideoshopServer.start(ServeFixture.fromFlags("--port", "0"))) {
            com.fasterxml.jackson.databind.JsonNode info = ok(new ServeFixture.Client(server).get("/api/info"));
            assertTrue(info.path("defaults").path("normalize").asBoolean(false), info::toString);
            assertEquals(2, info.path("choices").path("normalization").size(), info::toString);
            assertTrue(info.path("normalizationOff").isNull(), info::toString);
        }
    }

    @Test
    void badFlagsAreUsageErrors() {
        for (String[] args : new String[][] {
            {"serve", "--token", "short"},
            {"serve", "--clips", dir.resolve("missing").toString()},
            {"serve", "--max-upload-mb", "0"},
            {"serve", "--max-frames", "1"},
            {"serve", "--port", "70000"},
            {"serve", "--strength", "2"},
        }) {
            StringWriter err = new StringWriter();
            CommandLine cl = VideoshopCli.commandLine();
            cl.setErr(new PrintWriter(err, true));
            cl.setOut(new PrintWriter(new StringWriter(), true));
            assertEquals(VideoshopCli.EXIT_USAGE, cl.execute(args), String.join(" ", args) + ": " + err);
            assertTrue(err.toString().startsWith("videoshop serve: Expected "), err.toString());
        }
    }

    @Test
    void anotherHostWarnsThatThereIsNoAuthentication() {
        ServeConfig open = ServeConfig.local().withHost("0.0.0.0", null);
        assertTrue(open.exposed());
        assertTrue(ServeCommand.warning(open).contains("NO authentication"), ServeCommand.warning(open));
        assertTrue(ServeCommand.warning(open.withHost("0.0.0.0", "long-enough-token")).contains("token"));
        assertEquals(null, ServeCommand.warning(ServeConfig.local()));
        assertFalse(ServeConfig.local().withHost("localhost", null).exposed());
    }
}
