package org.videoshop.cli.video;

import org.videoshop.FrameSource;

/**
 * A clip file opened for reading one frame at a time: a {@link FrameSource} that also knows when each frame is
 * shown and what it was read from. The frame count is exact before the first frame is decoded. Whoever opens
 * one closes it; closing twice is harmless; reading after close throws {@link IllegalStateException}.
 */
public interface ClipSource extends FrameSource {

    /** When each of the {@link #frameCount()} frames is shown. */
    Timing timing();

    /** The kind of file it reads. */
    VideoKind kind();

    /** What it reads, for messages ("clip.mp4"). */
    String name();
}
