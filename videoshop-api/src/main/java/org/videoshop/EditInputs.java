package org.videoshop;

import java.awt.image.BufferedImage;
import java.util.List;
import org.videoshop.model.ModelSpec;
import org.videoshop.tensor.Checks;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Mask;
import org.videoshop.tensor.Video;

/**
 * Validation of what callers pass to an edit, in one place, before any model runs. Every failure is an
 * {@link IllegalArgumentException} whose message names what was expected and what was found.
 */
public final class EditInputs {

    /** Fewest frames an edit accepts. */
    public static final int MIN_FRAMES = 2;

    private EditInputs() {
    }

    /** Checks frames and edited first frame given as images (any size; they are resized to the model's). */
    public static void check(List<BufferedImage> frames, BufferedImage editedFirst, ModelSpec spec) {
        if (frames == null) {
            throw new IllegalArgumentException("Expected a list of frames but found null");
        }
        frameCount(frames.size(), spec);
        BufferedImage first = frames.get(0);
        for (int i = 0; i < frames.size(); i++) {
            BufferedImage f = frames.get(i);
            if (f == null) {
                throw new IllegalArgumentException("Expected an image at frame " + i + " but found null");
            }
            if (f.getWidth() != first.getWidth() || f.getHeight() != first.getHeight()) {
                throw new IllegalArgumentException("Expected every frame to be " + first.getWidth() + "x"
                        + first.getHeight() + " like frame 0 but frame " + i + " is " + f.getWidth() + "x"
                        + f.getHeight());
            }
        }
        if (editedFirst == null) {
            throw new IllegalArgumentException("Expected an edited first frame but found null");
        }
        if (editedFirst.getWidth() != first.getWidth() || editedFirst.getHeight() != first.getHeight()) {
            throw new IllegalArgumentException("Expected the edited first frame to be " + first.getWidth() + "x"
                    + first.getHeight() + " like the video but found " + editedFirst.getWidth() + "x"
                    + editedFirst.getHeight());
        }
    }

    /** Checks a streaming inversion's source (frame count and size) before anything is read. */
    public static void check(FrameSource source, ModelSpec spec) {
        if (source == null) {
            throw new IllegalArgumentException("Expected a frame source but found null");
        }
        frameCount(source.frameCount(), spec);
        if (source.width() < 1 || source.height() < 1) {
            throw new IllegalArgumentException("Expected frames of at least 1x1 pixels but the source says "
                    + source.width() + "x" + source.height());
        }
    }

    /**
     * Checks a streaming edit's source, edited first frame, optional mask source and sink before anything is read.
     */
    public static void check(FrameSource source, BufferedImage editedFirst, FrameSource mask, FrameSink sink,
                             ModelSpec spec) {
        if (sink == null) {
            throw new IllegalArgumentException("Expected a frame sink but found null");
        }
        check(source, spec);
        if (editedFirst == null) {
            throw new IllegalArgumentException("Expected an edited first frame but found null");
        }
        if (editedFirst.getWidth() != source.width() || editedFirst.getHeight() != source.height()) {
            throw new IllegalArgumentException("Expected the edited first frame to be " + source.width() + "x"
                    + source.height() + " like the video but found " + editedFirst.getWidth() + "x"
                    + editedFirst.getHeight());
        }
        if (mask != null) {
            if (mask.width() != source.width() || mask.height() != source.height()) {
                throw new IllegalArgumentException("Expected a mask of " + source.width() + "x" + source.height()
                        + " like the frames but found " + mask.width() + "x" + mask.height());
            }
            if (mask.frameCount() != 1 && mask.frameCount() != source.frameCount()) {
                throw new IllegalArgumentException("Expected a mask of 1 or " + source.frameCount()
                        + " frames but found " + mask.frameCount());
            }
        }
    }

    /**
     * Bytes an edit of images holds at once, streaming: the full-resolution frames of one window plus one (images
     * as 4 bytes a pixel, mask planes as 4 more), the temporaries of composing one output frame (about 13 floats a
     * pixel), the working-size pixels of a window (source, edit, reconstruction, difference, region and what is
     * kept of the window before it: 6 copies) and its latents (about eight working buffers and the inversion's
     * trajectory, one copy per kept step). Independent of the clip's length.
     */
    public static long footprintBytes(int windowFrames, int width, int height, FrameSize work, boolean mask,
                                      ModelSpec spec, VideoshopOptions options) {
        long full = (long) width * height;
        long held = (windowFrames + 1L) * full * (mask ? 8 : 4);
        long compose = full * 13L * Float.BYTES;
        long workPixels = 6L * windowFrames * 3L * work.pixels() * Float.BYTES;
        long latent = (long) windowFrames * spec.latentChannels() * (work.height() / spec.downscale())
                * (work.width() / spec.downscale());
        long trajectory = options.schedule(spec).sigmas().length;
        return held + compose + workPixels + (8L + trajectory) * latent * Float.BYTES;
    }

    /**
     * Refuses an edit of frames of width x height at that working size whose {@link #footprintBytes footprint},
     * plus {@code extraBytes} (e.g. a returned list of frames), does not fit in the heap's free memory, or whose
     * working-size arrays are too large for Java arrays; the message names both sizes in MB.
     */
    public static void checkFootprint(int windowFrames, int width, int height, FrameSize work, boolean mask,
                                      long extraBytes, ModelSpec spec, VideoshopOptions options) {
        long latentFloats = (long) windowFrames * spec.latentChannels() * (work.height() / spec.downscale())
                * (work.width() / spec.downscale());
        long pixelFloats = 3L * windowFrames * work.pixels();
        if (pixelFloats > Integer.MAX_VALUE - 8 || latentFloats > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Expected a working size whose window of " + windowFrames
                    + " frames fits in a Java array (at most " + (Integer.MAX_VALUE - 8) + " floats) but found "
                    + work + " (" + Math.max(pixelFloats, latentFloats) + " floats)");
        }
        long bytes = footprintBytes(windowFrames, width, height, work, mask, spec, options) + extraBytes;
        Runtime rt = Runtime.getRuntime();
        long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > available) {
            throw new IllegalArgumentException("Expected an edit that fits in the heap's " + mb(available)
                    + " MB free but it needs about " + mb(bytes) + " MB (windows of " + windowFrames + " frames of "
                    + width + "x" + height + ", the model at working size " + work + "); use a smaller working size "
                    + "or a larger -Xmx");
        }
    }

    private static long mb(long bytes) {
        return (bytes + (1L << 20) - 1) >> 20;
    }

    /** Checks raw frames: the size must be one the model can take, values finite in [0, 1]. */
    public static void check(Video video, Frame editedFirst, ModelSpec spec) {
        check(video, editedFirst, spec, null);
    }

    /**
     * As {@link #check(Video, Frame, ModelSpec)}, sizing the memory estimate for {@code options}' schedule
     * (inversion keeps one latent copy per kept step); null options count the model's defaults.
     */
    public static void check(Video video, Frame editedFirst, ModelSpec spec, VideoshopOptions options) {
        if (video == null) {
            throw new IllegalArgumentException("Expected a video but found null");
        }
        if (editedFirst == null) {
            throw new IllegalArgumentException("Expected an edited first frame but found null");
        }
        frameCount(video.frames(), spec);
        if (editedFirst.width() != video.width() || editedFirst.height() != video.height()) {
            throw new IllegalArgumentException("Expected the edited first frame to be " + video.width() + "x"
                    + video.height() + " like the video but found " + editedFirst.width() + "x"
                    + editedFirst.height());
        }
        int f = spec.downscale();
        int m = spec.sizeMultiple();
        if (video.width() % m != 0 || video.height() % m != 0) {
            String what = m == f ? "the model's downscale factor " + f
                    : m + " (the model's downscale factor " + f + " times its UNet's down-sampling " + m / f + ")";
            throw new IllegalArgumentException("Expected a frame size that is a multiple of " + what + " but found "
                    + video.width() + "x" + video.height());
        }
        memory(estimateBytes(video.frames(), video.width(), video.height(), spec,
                options == null ? VideoshopOptions.defaults() : options), video.frames(), video.width(),
                video.height());
        float[] pixels = video.data();
        float[] edited = editedFirst.data();
        Checks.finite("video", pixels);
        Checks.finite("edited first frame", edited);
        Checks.unitRange("video", pixels);
        Checks.unitRange("edited first frame", edited);
    }

    /** Checks an optional mask against the clip: null is fine; otherwise the clip's size, 1 or all frames. */
    public static void checkMask(Mask mask, int frames, int width, int height) {
        if (mask == null) {
            return;
        }
        if (mask.width() != width || mask.height() != height) {
            throw new IllegalArgumentException("Expected a mask of " + width + "x" + height + " like the frames but found "
                    + mask.width() + "x" + mask.height());
        }
        if (mask.frames() != 1 && mask.frames() != frames) {
            throw new IllegalArgumentException("Expected a mask of 1 or " + frames + " frames but found "
                    + mask.frames());
        }
    }

    /** Bytes an edit with default options holds at once (see the five-argument overload). */
    public static long estimateBytes(int frames, int width, int height, ModelSpec spec) {
        return estimateBytes(frames, width, height, spec, VideoshopOptions.defaults());
    }

    /**
     * Bytes an edit holds at once: pixels in and out, about eight working latent buffers, and the inversion's
     * trajectory (one latent copy per kept step, plus x0), all for the whole clip (an upper bound for clips
     * edited in windows).
     */
    public static long estimateBytes(int frames, int width, int height, ModelSpec spec, VideoshopOptions options) {
        long pixels = 3L * frames * width * height * 3L;
        long latent = (long) frames * spec.latentChannels() * (height / spec.downscale())
                * (width / spec.downscale());
        long trajectory = options.schedule(spec).sigmas().length;
        return (pixels + (8L + trajectory) * latent) * Float.BYTES;
    }

    private static void frameCount(int frames, ModelSpec spec) {
        if (frames < MIN_FRAMES) {
            throw new IllegalArgumentException("Expected at least " + MIN_FRAMES + " frames but found " + frames);
        }
    }

    private static void memory(long bytes, int frames, int width, int height) {
        Runtime rt = Runtime.getRuntime();
        long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > available) {
            throw new IllegalArgumentException("Expected an edit that fits in the heap's " + available
                    + " free bytes but " + frames + " frames of " + width + "x" + height + " need about " + bytes
                    + " bytes; use fewer or smaller frames, or a larger -Xmx");
        }
    }
}
