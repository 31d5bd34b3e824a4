package org.videoshop.cli.serve;

import java.nio.file.Path;

/**
 * A video opened in a session: its frames are stored as numbered PNGs in {@code frames} (inside the session's
 * folder, owned by the session and deleted with it).
 *
 * @param id     random id, unique within the server
 * @param name   the name shown in the page (the upload's or clip's name, never used as a file name)
 * @param frames the folder of its frames ({@code frame_0000.png, ...})
 * @param count  number of frames
 * @param width  frame width in pixels
 * @param height frame height in pixels
 * @param fps    frames per second, or null when the source declared none
 */
record SourceVideo(String id, String name, Path frames, int count, int width, int height, Double fps) {

    /** Frame rate for playback and outputs when the source has none. */
    static final double DEFAULT_FPS = 7.0;

    double fpsOrDefault() {
        return fps != null ? fps : DEFAULT_FPS;
    }

    /** What the page shows about it. */
    Facts facts(int windows, int modelWidth, int modelHeight) {
        return new Facts(id, name, count, width, height, fpsOrDefault(), fps != null, count / fpsOrDefault(), windows,
                modelWidth, modelHeight);
    }

    /** The JSON form of a video's facts. */
    record Facts(String id, String name, int frames, int width, int height, double fps, boolean fpsFromSource,
                 double seconds, int windows, int modelWidth, int modelHeight) {
    }
}
