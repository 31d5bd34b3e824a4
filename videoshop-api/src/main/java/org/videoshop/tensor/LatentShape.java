package org.videoshop.tensor;

/**
 * The shape [frames, channels, height, width] of a clip's latents, row-major with width fastest.
 *
 * @param frames   number of frames T, at least 1
 * @param channels latent channels C, at least 1
 * @param height   latent height h, at least 1
 * @param width    latent width w, at least 1
 */
public record LatentShape(int frames, int channels, int height, int width) {

    public LatentShape {
        Checks.positive("frames", frames);
        Checks.positive("channels", channels);
        Checks.positive("height", height);
        Checks.positive("width", width);
        long total = (long) frames * channels * height * width;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Expected a latent shape of at most " + (Integer.MAX_VALUE - 8)
                    + " floats but found " + frames + "x" + channels + "x" + height + "x" + width + " = " + total);
        }
    }

    /** Floats in one channel plane: h * w. */
    public int planeSize() {
        return height * width;
    }

    /** Floats in one frame: C * h * w. */
    public int frameSize() {
        return channels * height * width;
    }

    /** Floats in the whole clip: T * C * h * w. */
    public int size() {
        return frames * frameSize();
    }

    /** The same shape with another frame count. */
    public LatentShape withFrames(int newFrames) {
        return new LatentShape(newFrames, channels, height, width);
    }

    @Override
    public String toString() {
        return "[" + frames + ", " + channels + ", " + height + ", " + width + "]";
    }
}
