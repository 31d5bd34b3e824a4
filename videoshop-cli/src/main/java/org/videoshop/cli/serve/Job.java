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

    /**
     * What the page sees of a job at one moment; {@code provenance} (null until the job is done) is what produced
     * the result ({@link JobRunner#provenance}).
     */
    record Snapshot(String id, String video, String state, int ahead, String stage, int window, int windows,
                    Map<String, StageProgress> stages, double percent, String message, String format,
                    Map<String, Object> provenance, long version) {
    }

    private final String id;
    private final SourceVideo video;
    private final VideoshopOptions options;
    private final String format;
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
    private Map<String, Object> provenance;
    private long unitsDone;
    private long unitsTotal;

    /**
     * @param format the kind of file written when the job is done: {@code mp4}, {@code gif} or {@code png}
     * @param mask   white where the edit may change the frames, or null for the whole frame
     * @param folder where the job writes its results (inside its session's folder)
     */
    Job(String id, SourceVideo video, VideoshopOptions options, String format, BufferedImage editedFirst,
        BufferedImage mask, Path folder) {
        this.id = id;
        this.video = video;
        this.options = options;
        this.format = format;
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

    String format() {
        return format;
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

    /**
     * Progress from the editor: per stage, within the window in progress, and overall (units of the whole edit done,
     * and which window is in progress).
     */
    ProgressListener listener() {
        return new ProgressListener() {
            @Override
            public void onProgress(Stage s, int step, int total) {
                synchronized (Job.this) {
                    stage = s;
                    stages.put(s, new StageProgress(step, total));
                    changed();
                }
            }

            @Override
            public void onOverall(int w, int ws, long done, long total) {
                synchronized (Job.this) {
                    if (w != window && stage != null) { // a new window: its stages start afresh
                        StageProgress current = stages.get(stage);
                        stages.clear();
                        stages.put(stage, current);
                    }
                    window = w;
                    windows = Math.max(1, ws);
                    unitsDone = done;
                    unitsTotal = total;
                    changed();
                }
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

    /** The result is written: {@code frames} frames, made as {@code made} says (an unmodifiable map). */
    synchronized void done(int frames, Map<String, Object> made) {
        resultFrames = frames;
        provenance = made;
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
                Locale.ROOT), window, windows, byName, percent(), message, format, provenance, version);
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

    /** Overall progress in [0, 100], from the editor's overall units: 100 only once the result is written. */
    private double percent() {
        if (state == State.DONE) {
            return 100;
        }
        if (unitsTotal <= 0) {
            return 0;
        }
        return Math.min(99.0, Math.floor(1000.0 * unitsDone / unitsTotal) / 10); // 100 % is kept for "done"
    }
}
