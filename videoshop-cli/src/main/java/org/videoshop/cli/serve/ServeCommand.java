package org.videoshop.cli.serve;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.videoshop.VideoshopOptions;
import org.videoshop.cli.EditSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/** {@code videoshop serve}: edit videos in the browser, on a page served by this process. */
@Command(name = "serve", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Serves a page for editing videos in the browser: open a clip, edit its first frame (brush,"
                + " eraser, recolour, paste, mask), run the edit with live progress, compare and download.",
                "Binds 127.0.0.1 unless --host says otherwise; there is no authentication unless --token is given.",
                "Jobs run one at a time on the shared model; Ctrl-C stops the server and deletes its files."},
        footer = {"", "Example:", "  videoshop serve --port 8080 --clips ~/clips",
                "  (then open http://127.0.0.1:8080/ in a browser)"})
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ServeConfig.DEFAULT_PORT,
            description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = ServeConfig.LOOPBACK,
            description = {"Address to bind (default: ${DEFAULT-VALUE}, this machine only).",
                    "Any other lets other machines in: use --token, there is no other authentication."})
    String host;

    @Option(names = "--token", paramLabel = "SECRET",
            description = "Require this secret (8+ characters) on every request; the printed address carries it.")
    String token;

    @Option(names = "--clips", paramLabel = "DIR",
            description = "A folder of videos (files, or folders of numbered PNG frames) the page offers to open.")
    Path clips;

    @Option(names = "--max-upload-mb", paramLabel = "MB", defaultValue = "" + ServeConfig.DEFAULT_MAX_UPLOAD_MB,
            description = "Largest upload in megabytes (default: ${DEFAULT-VALUE}).")
    double maxUploadMb;

    @Option(names = "--max-frames", paramLabel = "N", defaultValue = "" + ServeConfig.DEFAULT_MAX_FRAMES,
            description = "Most frames a video may have (default: ${DEFAULT-VALUE}).")
    int maxFrames;

    @Option(names = "--max-side", paramLabel = "PX", defaultValue = "" + ServeConfig.DEFAULT_MAX_SIDE,
            description = "Largest frame width or height in pixels (default: ${DEFAULT-VALUE}).")
    int maxSide;

    @Option(names = "--session-minutes", paramLabel = "MIN",
            defaultValue = "" + ServeConfig.DEFAULT_SESSION_MINUTES,
            description = "Minutes a session may stay idle before its files are deleted (default: ${DEFAULT-VALUE}).")
    double sessionMinutes;

    @Option(names = "--max-queued", paramLabel = "N", defaultValue = "" + ServeConfig.DEFAULT_MAX_QUEUED,
            description = "Most jobs waiting or running at once, all sessions together (default: ${DEFAULT-VALUE}).")
    int maxQueued;

    @Mixin
    EditSettings settings;

    @Override
    public Integer call() throws Exception {
        ServeConfig config = config();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch stop = new CountDownLatch(1);
        try (VideoshopServer server = VideoshopServer.start(config)) {
            Signals signals = Signals.install(stop::countDown);
            try {
                String warning = warning(config);
                if (warning != null) {
                    err.println(warning);
                    err.flush();
                }
                out.println("videoshop serve: model " + config.model() + ", serving " + server.url());
                out.println("Open that address in a browser; Ctrl-C stops the server and deletes its files ("
                        + server.root() + ").");
                out.flush();
                stop.await();
            } finally {
                signals.restore();
            }
        }
        out.println("videoshop serve: stopped; temporary files deleted.");
        out.flush();
        return 0;
    }

    /** The warning printed when the server is reachable from other machines; null when it is not. */
    static String warning(ServeConfig config) {
        if (!config.exposed()) {
            return null;
        }
        return "WARNING: serving on " + config.host() + ", reachable from other machines" + (config.token() == null
                ? ", with NO authentication: anyone who can reach this port can upload files and run edits. Use "
                + "--token SECRET, or bind 127.0.0.1." : "; every request must carry the token (--token).");
    }

    /** The server's settings from these flags; a bad value is a usage error of the command. */
    ServeConfig config() {
        VideoshopOptions defaults = settings.options();
        try {
            if (!(maxUploadMb > 0 && Double.isFinite(maxUploadMb))) {
                throw new IllegalArgumentException("Expected --max-upload-mb > 0 but found " + maxUploadMb);
            }
            if (!(sessionMinutes > 0 && Double.isFinite(sessionMinutes))) {
                throw new IllegalArgumentException("Expected --session-minutes > 0 but found " + sessionMinutes);
            }
            return new ServeConfig(host, port, token, clips, settings.model(), defaults,
                    (long) (maxUploadMb * 1024 * 1024), maxFrames, maxSide,
                    Duration.ofMillis((long) (sessionMinutes * 60_000)), maxQueued);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /**
     * Ctrl-C and SIGTERM stop the server (its jobs cancelled, its files deleted) instead of shutting the JVM down
     * mid-edit, which would let ONNX Runtime's own shutdown hook free the model under a running job.
     */
    private static final class Signals {
        private final java.util.Map<Signal, sun.misc.SignalHandler> previous = new java.util.HashMap<>();

        static Signals install(Runnable onSignal) {
            Signals s = new Signals();
            for (String name : new String[] {"INT", "TERM"}) {
                try {
                    Signal signal = new Signal(name);
                    sun.misc.SignalHandler before = Signal.handle(signal, sig -> onSignal.run());
                    if (before == sun.misc.SignalHandler.SIG_IGN) {
                        Signal.handle(signal, before);
                    } else {
                        s.previous.put(signal, before);
                    }
                } catch (IllegalArgumentException unsupported) {
                    // not on this platform: the JVM's default handling stays
                }
            }
            return s;
        }

        void restore() {
            previous.forEach((signal, handler) -> {
                try {
                    Signal.handle(signal, handler);
                } catch (IllegalArgumentException ignored) {
                    // could not be restored: it only counts down a latch nobody waits on
                }
            });
        }
    }
}
