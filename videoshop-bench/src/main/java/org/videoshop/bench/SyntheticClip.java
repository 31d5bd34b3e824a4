package org.videoshop.bench;

import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Video;

/**
 * A procedurally drawn clip for timing runs: a square gliding over a smooth two-colour gradient, and an
 * "edited" first frame in which the square is recoloured. Deterministic in its seed; any size.
 *
 * @param source      the clip, [T, 3, H, W] in [0, 1]
 * @param editedFirst frame 0 with the square recoloured
 * @param truth       the whole clip with the square recoloured (the edit's ground truth)
 */
public record SyntheticClip(Video source, Frame editedFirst, Video truth) {

    /** Draws a clip of {@code frames} frames at width x height. */
    public static SyntheticClip generate(int frames, int width, int height, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] bgA = {r.nextFloat(), r.nextFloat(), r.nextFloat()};
        float[] bgB = {r.nextFloat(), r.nextFloat(), r.nextFloat()};
        float[] colour = {0.9f, 0.2f + 0.3f * r.nextFloat(), 0.1f};
        float[] edited = {0.1f, 0.3f + 0.3f * r.nextFloat(), 0.9f};
        int side = Math.max(2, Math.min(width, height) / 3);
        int plane = width * height;
        float[] src = new float[frames * 3 * plane];
        float[] tru = new float[frames * 3 * plane];
        for (int t = 0; t < frames; t++) {
            double phase = frames == 1 ? 0 : (double) t / (frames - 1);
            int x0 = (int) Math.round(phase * (width - side));
            int y0 = (int) Math.round((height - side) * (0.5 + 0.4 * Math.sin(2 * Math.PI * phase)));
            y0 = Math.max(0, Math.min(height - side, y0));
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    boolean inside = x >= x0 && x < x0 + side && y >= y0 && y < y0 + side;
                    float g = (x + y) / (float) Math.max(1, width + height - 2);
                    for (int c = 0; c < 3; c++) {
                        float bg = bgA[c] * (1 - g) + bgB[c] * g;
                        int i = (t * 3 + c) * plane + y * width + x;
                        src[i] = inside ? colour[c] : bg;
                        tru[i] = inside ? edited[c] : bg;
                    }
                }
            }
        }
        Video source = new Video(frames, height, width, src);
        Video truth = new Video(frames, height, width, tru);
        return new SyntheticClip(source, truth.frame(0), truth);
    }
}
