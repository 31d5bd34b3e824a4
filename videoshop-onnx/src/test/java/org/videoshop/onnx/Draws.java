package org.videoshop.onnx;

import org.videoshop.model.Conditioning;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Noise;
import org.videoshop.tensor.Video;

/** Deterministic test inputs: a moving-square clip, edits, and random latents and conditionings. */
final class Clips {

    private Clips() {
    }

    /** A clip of a square moving right over a gradient, values in [0, 1]. */
    static Video movingSquare(int frames, int height, int width) {
        float[] d = new float[frames * 3 * height * width];
        int plane = height * width;
        for (int t = 0; t < frames; t++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    boolean in = Math.abs(x - (width / 4 + t)) < width / 6 && Math.abs(y - height / 2) < height / 6;
                    int i = t * 3 * plane + y * width + x;
                    d[i] = in ? 0.9f : (float) x / width;
                    d[i + plane] = in ? 0.2f : (float) y / height;
                    d[i + 2 * plane] = in ? 0.1f : 0.5f;
                }
            }
        }
        return new Video(frames, height, width, d);
    }

    /** The first frame with the square's colour changed (the "edit"). */
    static Frame recolouredFirst(Video v) {
        Frame f = v.frame(0);
        float[] d = f.data();
        int plane = f.height() * f.width();
        for (int i = 0; i < plane; i++) {
            if (d[i] == 0.9f) {
                d[i] = 0.1f;
                d[i + 2 * plane] = 0.9f;
            }
        }
        return new Frame(f.height(), f.width(), d);
    }

    static float[] gaussian(int n, long seed) {
        return Noise.gaussian(n, seed);
    }

    static Conditioning conditioning(LatentShape shape, int dimension, long seed) {
        return new Conditioning(gaussian(dimension, seed), gaussian(shape.frameSize(), seed + 1), 7, 127, 0.02);
    }
}
