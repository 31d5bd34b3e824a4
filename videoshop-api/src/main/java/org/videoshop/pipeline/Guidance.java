package org.videoshop.pipeline;

/** Per-frame classifier-free guidance scales rising linearly from min (first frame) to max (last frame). */
public final class Guidance {
    private Guidance() {
    }

    /** linspace(min, max, frames); a single frame gets {@code min}. */
    public static float[] linear(double min, double max, int frames) {
        float[] g = new float[frames];
        for (int t = 0; t < frames; t++) {
            g[t] = (float) (frames == 1 ? min : min + (max - min) * t / (frames - 1));
        }
        return g;
    }

    /** Whether every scale is exactly 1, when the unconditional branch can be skipped. */
    public static boolean isIdentity(float[] scales) {
        for (float s : scales) {
            if (s != 1f) {
                return false;
            }
        }
        return true;
    }
}
