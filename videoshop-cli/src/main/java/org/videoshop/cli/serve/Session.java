package org.videoshop.cli.serve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One browser's work: the videos it opened and the jobs it ran, all stored under its own folder, which is deleted
 * when the session expires or the server shuts down. Thread-safe.
 */
final class Session {

    /** Most videos one session may hold. */
    static final int MAX_VIDEOS = 16;

    private final String id;
    private final Path folder;
    private final Map<String, SourceVideo> videos = new LinkedHashMap<>();
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private volatile long lastSeenNanos = System.nanoTime();

    Session(String id, Path folder) {
        this.id = id;
        this.folder = folder;
    }

    String id() {
        return id;
    }

    /** The session's folder (may not exist yet: it is made by the first upload). */
    Path folder() {
        return folder;
    }

    void touch() {
        lastSeenNanos = System.nanoTime();
    }

    long lastSeenNanos() {
        return lastSeenNanos;
    }

    /** Fails with 429 when the session holds as many videos as it may. */
    synchronized void checkRoomForVideo() {
        if (videos.size() >= MAX_VIDEOS) {
            throw HttpError.tooMany("Expected at most " + MAX_VIDEOS + " videos in one session but found "
                    + videos.size() + "; reload the page after the session expires, or open a new one");
        }
    }

    synchronized void add(SourceVideo v) {
        checkRoomForVideo();
        videos.put(v.id(), v);
    }

    synchronized void add(Job j) {
        jobs.put(j.id(), j);
    }

    /** The video with that id in this session; 404 otherwise (ids of other sessions are unknown here). */
    synchronized SourceVideo video(String vid) {
        SourceVideo v = videos.get(Ids.check(vid, "video"));
        if (v == null) {
            throw HttpError.notFound("Expected the id of a video opened in this session but found unknown video '"
                    + vid + "'");
        }
        return v;
    }

    /** The job with that id in this session; 404 otherwise. */
    synchronized Job job(String jid) {
        Job j = jobs.get(Ids.check(jid, "job"));
        if (j == null) {
            throw HttpError.notFound("Expected the id of a job of this session but found unknown job '" + jid + "'");
        }
        return j;
    }

    /** Jobs waiting or running. */
    synchronized int pendingJobs() {
        return (int) jobs.values().stream().filter(j -> !j.state().finished()).count();
    }

    synchronized List<Job> jobs() {
        return new ArrayList<>(jobs.values());
    }
}
