package org.videoshop.tensor;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Where an edit may change the video: weights in [0, 1] (1 = may change, white in a mask image), either one
 * plane for the whole clip ({@code frames == 1}) or one per frame, plus the width in pixels of the soft edge
 * the final composite uses. Immutable: the record keeps its own copy of the weights it is given and
 * {@link #data()} returns a copy.
 *
 * @param frames  1, or the clip's frame count
 * @param height  pixel height
 * @param width   pixel width
 * @param data    weights [frames, height, width]
 * @param feather soft-edge radius in pixels (0 = hard edge)
 */
public record Mask(int frames, int height, int width, float[] data, int feather) {

    /** Default soft-edge radius in pixels. */
    public static final int DEFAULT_FEATHER = 2;

    public Mask {
        Checks.positive("mask frames", frames);
        Checks.positive("mask height", height);
        Checks.positive("mask width", width);
        Checks.length("mask of " + frames + " frames " + width + "x" + height, data, (long) frames * height * width);
        Checks.finite("mask", data);
        Checks.unitRange("mask", data);
        if (feather < 0) {
            throw new IllegalArgumentException("Expected a mask feather >= 0 pixels but found " + feather);
        }
        data = data.clone();
    }

    /** A copy of the weights, [frames, height, width]. */
    @Override
    public float[] data() {
        return data.clone();
    }

    /** One mask image for the whole clip: luminance in [0, 1] (white = may change). */
    public static Mask of(BufferedImage image) {
        return of(List.of(image));
    }

    /** One mask image per frame (or a single one for all frames). */
    public static Mask of(List<BufferedImage> images) {
        if (images == null || images.isEmpty()) {
            throw new IllegalArgumentException("Expected at least one mask image but found "
                    + (images == null ? "null" : "none"));
        }
        BufferedImage first = images.get(0);
        int w = first.getWidth();
        int h = first.getHeight();
        float[] data = new float[images.size() * w * h];
        for (int t = 0; t < images.size(); t++) {
            BufferedImage img = images.get(t);
            if (img == null || img.getWidth() != w || img.getHeight() != h) {
                throw new IllegalArgumentException("Expected every mask image to be " + w + "x" + h + " but image "
                        + t + " is " + (img == null ? "null" : img.getWidth() + "x" + img.getHeight()));
            }
            float[] rgb = Images.toFrame(img).data();
            int plane = w * h;
            for (int i = 0; i < plane; i++) {
                float v = 0.299f * rgb[i] + 0.587f * rgb[plane + i] + 0.114f * rgb[2 * plane + i];
                data[t * plane + i] = Math.min(1f, Math.max(0f, v));
            }
        }
        return new Mask(images.size(), h, w, data, DEFAULT_FEATHER);
    }

    /** The same mask with another soft-edge radius. */
    public Mask withFeather(int pixels) {
        return new Mask(frames, height, width, data, pixels);
    }

    /** The weights of frame {@code t} (the single plane when the mask has one), as a new array. */
    public float[] plane(int t) {
        int p = height * width;
        int index = frames == 1 ? 0 : t;
        float[] out = new float[p];
        System.arraycopy(data, index * p, out, 0, p);
        return out;
    }

    /** Frames [from, to) of a per-frame mask; a single-plane mask returns itself. */
    public Mask frames(int from, int to) {
        if (frames == 1) {
            return this;
        }
        int p = height * width;
        float[] out = new float[(to - from) * p];
        System.arraycopy(data, from * p, out, 0, out.length);
        return new Mask(to - from, height, width, out, feather);
    }

    /** The mask resampled to width x height (area averaging / linear, as {@link Images#resize}). */
    public Mask resize(int newWidth, int newHeight) {
        if (newWidth == width && newHeight == height) {
            return this;
        }
        float[] out = new float[frames * newWidth * newHeight];
        for (int t = 0; t < frames; t++) {
            float[] p = plane(t);
            float[] rgb = new float[3 * p.length];
            System.arraycopy(p, 0, rgb, 0, p.length);
            System.arraycopy(p, 0, rgb, p.length, p.length);
            System.arraycopy(p, 0, rgb, 2 * p.length, p.length);
            float[] r = Images.resize(new Frame(height, width, rgb), newWidth, newHeight).data();
            for (int i = 0; i < newWidth * newHeight; i++) {
                out[t * newWidth * newHeight + i] = Math.min(1f, Math.max(0f, r[i]));
            }
        }
        return new Mask(frames, newHeight, newWidth, out, feather);
    }

    /**
     * The blend weights of a generation at latent resolution: the mask resized to the latents' width and height
     * (area averaging), repeated over the channels, for the mask's first {@code shape.frames()} frames;
     * {@code shape.size()} floats, a new array the caller owns.
     */
    public float[] latentWeights(LatentShape shape) {
        if (shape.frames() > frames) {
            throw new IllegalArgumentException("Expected latents of at most " + frames + " frames, the mask's, but"
                    + " found " + shape);
        }
        Mask small = resize(shape.width(), shape.height());
        float[] out = new float[shape.size()];
        int plane = shape.planeSize();
        for (int t = 0; t < frames; t++) {
            float[] p = small.plane(t);
            for (int c = 0; c < shape.channels(); c++) {
                System.arraycopy(p, 0, out, (t * shape.channels() + c) * plane, plane);
            }
        }
        return out;
    }

    /**
     * Frame {@code t}'s weights with the soft edge: a box blur of radius {@link #feather()} that is exactly 0
     * wherever no masked pixel lies within the radius, so the composite copies the source there bit for bit.
     */
    public float[] feathered(int t) {
        float[] p = plane(t);
        if (feather == 0) {
            return p;
        }
        float[] tmp = new float[p.length];
        float[] out = new float[p.length];
        int r = feather;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double s = 0;
                int n = 0;
                for (int dx = -r; dx <= r; dx++) {
                    int xx = x + dx;
                    if (xx >= 0 && xx < width) {
                        s += p[y * width + xx];
                        n++;
                    }
                }
                tmp[y * width + x] = (float) (s / n);
            }
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double s = 0;
                int n = 0;
                for (int dy = -r; dy <= r; dy++) {
                    int yy = y + dy;
                    if (yy >= 0 && yy < height) {
                        s += tmp[yy * width + x];
                        n++;
                    }
                }
                out[y * width + x] = (float) Math.min(1.0, s / n);
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mask m && m.frames == frames && m.height == height && m.width == width
                && m.feather == feather && java.util.Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return (java.util.Arrays.hashCode(data) * 31 + frames) * 31 + feather;
    }

    @Override
    public String toString() {
        return "Mask[" + frames + " frames, " + width + "x" + height + ", feather " + feather + "]";
    }
}
