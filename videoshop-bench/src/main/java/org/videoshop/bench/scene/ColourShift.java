package org.videoshop.bench.scene;

/**
 * A recolouring as an image editor's hue/saturation tool makes it: the hue turned by {@code hueDegrees} and the
 * saturation multiplied by {@code saturationGain} (clamped to 1), in HSV, value kept.
 *
 * @param hueDegrees     hue rotation in degrees
 * @param saturationGain saturation factor, positive
 */
public record ColourShift(double hueDegrees, double saturationGain) {

    public ColourShift {
        if (!(saturationGain > 0) || !Double.isFinite(hueDegrees)) {
            throw new IllegalArgumentException("Expected a finite hue rotation and a positive saturation gain but"
                    + " found " + hueDegrees + " and " + saturationGain);
        }
    }

    /** Recolours {@code rgb} (three values in [0, 1]) in place. */
    void apply(float[] rgb) {
        float r = rgb[0];
        float g = rgb[1];
        float b = rgb[2];
        float max = Math.max(r, Math.max(g, b));
        float min = Math.min(r, Math.min(g, b));
        float delta = max - min;
        if (max <= 0f || delta <= 0f) {
            return; // grey: no hue to turn
        }
        double h;
        if (max == r) {
            h = ((g - b) / delta) % 6;
        } else if (max == g) {
            h = (b - r) / delta + 2;
        } else {
            h = (r - g) / delta + 4;
        }
        h = h * 60 + hueDegrees;
        h = ((h % 360) + 360) % 360;
        double s = Math.min(1.0, delta / max * saturationGain);
        double v = max;
        double c = v * s;
        double x = c * (1 - Math.abs((h / 60) % 2 - 1));
        double m = v - c;
        double rr;
        double gg;
        double bb;
        int sector = (int) (h / 60) % 6;
        switch (sector) {
            case 0 -> { rr = c; gg = x; bb = 0; }
            case 1 -> { rr = x; gg = c; bb = 0; }
            case 2 -> { rr = 0; gg = c; bb = x; }
            case 3 -> { rr = 0; gg = x; bb = c; }
            case 4 -> { rr = x; gg = 0; bb = c; }
            default -> { rr = c; gg = 0; bb = x; }
        }
        rgb[0] = (float) (rr + m);
        rgb[1] = (float) (gg + m);
        rgb[2] = (float) (bb + m);
    }
}
