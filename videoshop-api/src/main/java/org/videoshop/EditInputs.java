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
        long pixels = (long) first.getWidth() * first.getHeight() * 3L * (frames.size() * 2L + 2);
        memory(pixels * Float.BYTES, frames.size(), first.getWidth(), first.getHeight());
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
        Checks.finite("video", video.data());
        Checks.finite("edited first frame", editedFirst.data());
        Checks.unitRange("video", video.data());
        Checks.unitRange("edited first frame", editedFirst.data());
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
