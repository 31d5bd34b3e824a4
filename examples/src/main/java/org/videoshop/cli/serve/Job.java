package org.videoshop.cli.serve;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.videoshop.CancellationToken;
import org.videoshop.ProgressListener;
import org.videoshop.Stage;
import org.videoshop.VideoshopOptions;

/**
 * One edit asked for by a page: its inputs, its state (queued, running, done, failed, cancelled), its progress per
 * stage and window, and where its results are. Thread-safe: the worker reports progress while request threads read
 * snapshots or wait for the next change ({@link #awaitChange}).
 */
final class Job {

    /** Where a job is in its life; the last three are final. */
    enum State {
        QUEUED, RUNNING, DONE, FAILED, CANCELLED;

        boolean finished() {
            return this == DONE || this == FAILED || this == CANCELLED;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Step and total of one stage in the current window. */
    record StageProgress(int step, int total) {
    }

    /** What the page sees of a job at one moment. */
    record Snapshot(String id, String video, String state, int ahead, String stage, int window, int windows,
                    Map<String, StageProgress> stages, double percent, String message, String output,
                    long version) {
    }

    /**
     * Share of a window's work per stage, in {@link Stage} order: inversion and generation run the UNet once per
     * step, encoding and decoding run the VAE once per frame.
     */
    private static final double[] WEIGHTS = {0.05, 0.45, 0.45, 0.01, 0.04};

    private final String id;
    private final SourceVideo video;
    private final VideoshopOptions options;
    private final String output;
    private final BufferedImage editedFirst;
    private final BufferedImage mask;
    private final Path folder;
    private final CancellationToken token = new CancellationToken();

    private State state = State.QUEUED;
    private int ahead;
    private Stage stage;
    private int window;
    private int windows = 1;
    private final Map<Stage, StageProgress> stages = new LinkedHashMap<>();
    private String message = "";
    private long version;
    private int resultFrames;

    /**
     * @param output the kind of file written when the job is done: {@code mp4}, {@code gif} or {@code png}
     * @param mask   white where the edit may change the frames, or null for the whole frame
     * @param folder where the job writes its results (inside its session's folder)
     */
    Job(String id, SourceVideo video, VideoshopOptions options, String output, BufferedImage editedFirst,
        BufferedImage mask, Path folder) {
        this.id = id;
        this.video = video;
        this.options = options;
        this.output = output;
        this.editedFirst = editedFirst;
        this.mask = mask;
        this.folder = folder;
    }

    String id() {
        return id;
    }

    SourceVideo video() {
        return video;
    }

    VideoshopOptions options() {
        return options;
    }

    String output() {
        return output;
    }

    BufferedImage editedFirst() {
        return editedFirst;
    }

    BufferedImage mask() {
        return mask;
    }

    Path folder() {
        return folder;
    }

    /** Cancelled by the page, by the session's expiry or by the server's shutdown. */
    CancellationToken token() {
        return token;
    }

    synchronized State state() {
        return state;
    }

    synchronized int resultFrames() {
        return resultFrames;
    }

    /** Progress from the editor: a stage going back to an earlier one starts the next window. */
    ProgressListener listener() {
        return (s, step, total) -> {
            synchronized (this) {
                if (stage != null && s.ordinal() < stage.ordinal()) {
                    window = Math.min(window + 1, windows - 1);
                    stages.clear();
                }
                stage = s;
                stages.put(s, new StageProgress(step, total));
                changed();
            }
        };
    }

    synchronized void queued(int jobsAhead) {
        if (state == State.QUEUED && ahead != jobsAhead) {
            ahead = jobsAhead;
            changed();
        }
    }

    synchronized void started(int windowCount) {
        state = State.RUNNING;
        ahead = 0;
        windows = Math.max(1, windowCount);
        changed();
    }

    synchronized void done(int frames) {
        resultFrames = frames;
        finish(State.DONE, "");
    }

    synchronized void failed(String why) {
        finish(State.FAILED, why);
    }

    synchronized void cancelled(String why) {
        finish(State.CANCELLED, why);
    }

    private void finish(State s, String why) {
        if (!state.finished()) {
            state = s;
            message = why;
            changed();
        }
    }

    private void changed() {
        version++;
        notifyAll();
    }

    synchronized Snapshot snapshot() {
        Map<String, StageProgress> byName = new LinkedHashMap<>();
        stages.forEach((s, p) -> byName.put(s.name().toLowerCase(Locale.ROOT), p));
        return new Snapshot(id, video.id(), state.label(), ahead, stage == null ? null : stage.name().toLowerCase(
                Locale.ROOT), window, windows, byName, percent(), message, output, version);
    }

    /** Waits until the job changes after {@code seenVersion} or {@code millis} pass; returns the latest snapshot. */
    synchronized Snapshot awaitChange(long seenVersion, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (version == seenVersion && !state.finished()) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return snapshot();
    }

    /** Overall progress in [0, 100]: 100 only once the job is done and its result written. */
    private double percent() {
        if (state == State.DONE) {
            return 100;
        }
        double withinWindow = 0;
        for (Stage s : Stage.values()) {
            StageProgress p = stages.get(s);
            if (p != null) {
                withinWindow += WEIGHTS[s.ordinal()] * (p.total() <= 0 ? 1 : Math.min(1.0, (double) p.step() / p.total()));
            }
        }
        double fraction = (window + withinWindow) / windows;
        return Math.min(99.0, Math.floor(fraction * 1000) / 10); // 100 % is kept for "done and written"
    }
}
