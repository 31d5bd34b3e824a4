package org.videoshop.cli.video;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Frames read from or written to a video file, GIF or PNG folder: RGB images of one size, and the frame rate
 * when the source declared one.
 *
 * @param frames the frames in display order (an unmodifiable list; at least one)
 * @param fps    frames per second, or {@code null} when the source has none (a PNG folder)
 */
public record Clip(List<BufferedImage> frames, Double fps) {

    /** Frame rate used when neither the source nor the user gives one. */
    public static final double DEFAULT_FPS = 7.0;

    public Clip {
        if (frames == null || frames.isEmpty()) {
            throw new IllegalArgumentException("Expected at least one frame but found "
                    + (frames == null ? "null" : "none"));
        }
        frames = List.copyOf(frames);
        BufferedImage first = frames.get(0);
        for (int i = 1; i < frames.size(); i++) {
            BufferedImage f = frames.get(i);
            if (f.getWidth() != first.getWidth() || f.getHeight() != first.getHeight()) {
                throw new IllegalArgumentException("Expected every frame to be " + first.getWidth() + "x"
                        + first.getHeight() + " like frame 0 but frame " + i + " is " + f.getWidth() + "x"
                        + f.getHeight());
            }
        }
        if (fps != null && !(fps > 0 && Double.isFinite(fps))) {
            throw new IllegalArgumentException("Expected a frame rate > 0 (or none) but found " + fps);
        }
    }

    /** A clip of these frames with no frame rate of its own. */
    public static Clip of(List<BufferedImage> frames) {
        return new Clip(frames, null);
    }

    public int size() {
        return frames.size();
    }

    public int width() {
        return frames.get(0).getWidth();
    }

    public int height() {
        return frames.get(0).getHeight();
    }

    /** This clip's frame rate, or {@code fallback} when it has none. */
    public double fpsOr(double fallback) {
        return fps != null ? fps : fallback;
    }

    /** The same frame rate with other frames (e.g. the edited ones). */
    public Clip withFrames(List<BufferedImage> other) {
        return new Clip(other, fps);
    }

    @Override
    public String toString() {
        return size() + " frames, " + width() + "x" + height() + (fps == null ? "" : String.format(", %.3g fps", fps));
    }
}
