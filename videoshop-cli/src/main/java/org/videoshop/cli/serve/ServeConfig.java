package org.videoshop.cli.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.videoshop.VideoshopOptions;

/**
 * Settings of a {@link VideoshopServer}, validated here once.
 *
 * @param host           address to bind (127.0.0.1 unless the user asks for another)
 * @param port           TCP port, 0 for any free one
 * @param token          secret every request must carry (cookie, {@code Authorization: Bearer}, or {@code ?token=}
 *                       on the page's address), or null for none
 * @param clips          folder whose videos the page offers to open, or null
 * @param model          model bundle folder or built-in model name, opened once and shared by all jobs
 * @param defaults       the options a job starts from (the page sets strength, steps, seed, inversion, output mode,
 *                       schedule and normalisation)
 * @param maxUploadBytes largest upload (a video, an edited frame, a job's request) accepted
 * @param maxFrames      most frames a video may have
 * @param maxSide        largest width or height of a video's frames, in pixels
 * @param sessionTtl     how long a session may stay idle before its folder is deleted
 * @param maxQueued      most jobs waiting or running at once, all sessions together
 */
public record ServeConfig(String host, int port, String token, Path clips, String model, VideoshopOptions defaults,
                          long maxUploadBytes, int maxFrames, int maxSide, Duration sessionTtl, int maxQueued) {

    /** The address bound unless the user asks for another. */
    public static final String LOOPBACK = "127.0.0.1";
    /** Most jobs one session may have waiting or running at once. */
    public static final int MAX_PENDING_PER_SESSION = 4;
    /** The port bound unless the user asks for another. */
    public static final int DEFAULT_PORT = 8080;
    /** Largest upload by default, in megabytes. */
    public static final int DEFAULT_MAX_UPLOAD_MB = 50;
    /** Most frames a video may have by default. */
    public static final int DEFAULT_MAX_FRAMES = 64;
    /** Largest frame side by default, in pixels. */
    public static final int DEFAULT_MAX_SIDE = 1024;
    /** Minutes a session may stay idle by default. */
    public static final int DEFAULT_SESSION_MINUTES = 30;
    /** Most jobs waiting or running at once by default. */
    public static final int DEFAULT_MAX_QUEUED = 16;

    public ServeConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("Expected a host to bind (e.g. 127.0.0.1) but found none");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Expected a port in [0, 65535] but found " + port);
        }
        if (token != null && token.length() < 8) {
            throw new IllegalArgumentException("Expected a token of at least 8 characters but found "
                    + token.length());
        }
        if (clips != null && !Files.isDirectory(clips)) {
            throw new IllegalArgumentException("Expected --clips to name a folder but found "
                    + (Files.exists(clips) ? "a file" : "nothing") + " at " + clips);
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("Expected a model (a bundle folder or 'tiny') but found none");
        }
        if (defaults == null) {
            throw new IllegalArgumentException("Expected default options but found null");
        }
        if (maxUploadBytes < 1024) {
            throw new IllegalArgumentException("Expected an upload limit of at least 1 kB but found " + maxUploadBytes
                    + " bytes");
        }
        if (maxFrames < 2) {
            throw new IllegalArgumentException("Expected a frame limit of at least 2 but found " + maxFrames);
        }
        if (maxSide < 8) {
            throw new IllegalArgumentException("Expected a frame side limit of at least 8 pixels but found " + maxSide);
        }
        if (sessionTtl == null || sessionTtl.isNegative() || sessionTtl.isZero()) {
            throw new IllegalArgumentException("Expected a session lifetime > 0 but found " + sessionTtl);
        }
        if (maxQueued < 1) {
            throw new IllegalArgumentException("Expected a queue of at least 1 job but found " + maxQueued);
        }
        clips = clips == null ? null : clips.toAbsolutePath().normalize();
    }

    /**
     * The defaults of {@code videoshop serve} (its flags take them from the constants above): 127.0.0.1:8080, no
     * token, no clips folder, the tiny model, 50 MB, 64 frames, 1024 px, 30 min, 16 jobs.
     */
    public static ServeConfig local() {
        return new ServeConfig(LOOPBACK, DEFAULT_PORT, null, null, "tiny", VideoshopOptions.defaults(),
                (long) DEFAULT_MAX_UPLOAD_MB << 20, DEFAULT_MAX_FRAMES, DEFAULT_MAX_SIDE,
                Duration.ofMinutes(DEFAULT_SESSION_MINUTES), DEFAULT_MAX_QUEUED);
    }

    /** Whether the server is reachable from other machines (bound to something else than a loopback address). */
    public boolean exposed() {
        return !(host.equals(LOOPBACK) || host.equals("localhost") || host.equals("::1") || host.startsWith("127."));
    }

    public ServeConfig withPort(int p) {
        return new ServeConfig(host, p, token, clips, model, defaults, maxUploadBytes, maxFrames, maxSide, sessionTtl,
                maxQueued);
    }

    public ServeConfig withHost(String h, String t) {
        return new ServeConfig(h, port, t, clips, model, defaults, maxUploadBytes, maxFrames, maxSide, sessionTtl,
                maxQueued);
    }

    public ServeConfig withClips(Path dir) {
        return new ServeConfig(host, port, token, dir, model, defaults, maxUploadBytes, maxFrames, maxSide, sessionTtl,
                maxQueued);
    }

    public ServeConfig withModel(String m, VideoshopOptions d) {
        return new ServeConfig(host, port, token, clips, m, d, maxUploadBytes, maxFrames, maxSide, sessionTtl,
                maxQueued);
    }

    public ServeConfig withLimits(long uploadBytes, int frames, int side, Duration ttl, int queued) {
        return new ServeConfig(host, port, token, clips, model, defaults, uploadBytes, frames, side, ttl, queued);
    }
}
