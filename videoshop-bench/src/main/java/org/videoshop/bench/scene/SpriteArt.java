package org.videoshop.bench.scene;

import java.util.SplittableRandom;

/**
 * Sprite textures: cut-outs of photographs with a soft, irregular outline, and procedural objects (a shaded ball,
 * a striped tile, a star) with gradients. Every draw comes from the caller's random source. Stateless.
 */
public final class SpriteArt {

    /** Texels of the soft edge of every sprite. */
    static final double EDGE_TEXELS = 2.5;

    private SpriteArt() {
    }

    /**
     * A cut-out of {@code photo}: a square region of {@code fraction} of its shorter side at a random place,
     * resampled to {@code texels} across and masked by a blob (an ellipse whose radius wobbles with the angle) with
     * a soft edge.
     */
    public static Rgba cutOut(Rgba photo, double fraction, int texels, SplittableRandom rng) {
        int side = (int) Math.round(Math.min(photo.width(), photo.height()) * fraction);
        int x = rng.nextInt(photo.width() - side + 1);
        int y = rng.nextInt(photo.height() - side + 1);
        Rgba square = photo.crop(x, y, side, side).resized(texels, texels);
        double aspect = 0.7 + 0.3 * rng.nextDouble();
        double[] amp = {0.08 * rng.nextDouble(), 0.06 * rng.nextDouble(), 0.04 * rng.nextDouble()};
        double[] phase = {rng.nextDouble() * 6.283, rng.nextDouble() * 6.283, rng.nextDouble() * 6.283};
        float[] mask = new float[texels * texels];
        double r0 = texels / 2.0 - EDGE_TEXELS - 1;
        for (int j = 0; j < texels; j++) {
            for (int i = 0; i < texels; i++) {
                double dx = i + 0.5 - texels / 2.0;
                double dy = (j + 0.5 - texels / 2.0) / aspect;
                double th = Math.atan2(dy, dx);
                double r = r0 * (1 - amp[0] - amp[1] - amp[2] + amp[0] * Math.sin(2 * th + phase[0])
                        + amp[1] * Math.sin(3 * th + phase[1]) + amp[2] * Math.sin(5 * th + phase[2]));
                mask[j * texels + i] = edge(r - Math.hypot(dx, dy));
            }
        }
        return square.withAlpha(mask);
    }

    /** A ball lit from the top left: a disc whose colour brightens toward a highlight and darkens at its rim. */
    public static Rgba ball(float[] colour, int texels) {
        return paint(texels, (u, v, rgb) -> {
            double r = Math.hypot(u, v);
            double light = 0.55 + 0.6 * Math.max(0, 1 - Math.hypot(u + 0.35, v + 0.35) / 1.1);
            for (int c = 0; c < 3; c++) {
                rgb[c] = (float) Math.min(1, colour[c] * light + 0.25 * Math.pow(Math.max(0, 1 - Math.hypot(u + 0.4,
                        v + 0.4) * 2.2), 2));
            }
            return (1 - r) * texels / 2;
        });
    }

    /** A rounded tile with diagonal stripes of two colours under a vertical gradient. */
    public static Rgba stripedTile(float[] a, float[] b, double stripes, int texels) {
        return paint(texels, (u, v, rgb) -> {
            boolean first = Math.floorMod((int) Math.floor((u + v + 2) * stripes), 2) == 0;
            float[] col = first ? a : b;
            double shade = 1.1 - 0.3 * (v + 1) / 2;
            for (int c = 0; c < 3; c++) {
                rgb[c] = (float) Math.min(1, col[c] * shade);
            }
            double qx = Math.max(Math.abs(u) - 0.6, 0);
            double qy = Math.max(Math.abs(v) - 0.45, 0);
            double roundedBox = 0.3 - Math.hypot(qx, qy);
            return Math.min(roundedBox, 0.3 + Math.min(0.6 - Math.abs(u), 0.45 - Math.abs(v))) * texels / 2;
        });
    }

    /** A five-pointed star with a radial gradient from {@code centre} to {@code rim} colour. */
    public static Rgba star(float[] centre, float[] rim, int texels) {
        return paint(texels, (u, v, rgb) -> {
            double r = Math.hypot(u, v);
            double th = Math.atan2(v, u) + Math.PI / 2;
            double k = Math.abs(((th / (2 * Math.PI / 5)) % 1 + 1) % 1 - 0.5) * 2; // 0 at a point, 1 between
            double radius = 0.95 - 0.5 * k;
            for (int c = 0; c < 3; c++) {
                rgb[c] = (float) (centre[c] + (rim[c] - centre[c]) * Math.min(1, r / 0.95));
            }
            return (radius - r) * texels / 2 * 0.8;
        });
    }

    /** A colour of strong saturation and a random hue. */
    public static float[] vividColour(SplittableRandom rng) {
        float[] rgb = {1f, 0.15f + 0.2f * (float) rng.nextDouble(), 0.1f};
        new ColourShift(rng.nextDouble() * 360, 1).apply(rgb);
        float v = 0.7f + 0.3f * (float) rng.nextDouble();
        return new float[] {rgb[0] * v, rgb[1] * v, rgb[2] * v};
    }

    /** Colour and signed distance inside the shape (texels, positive inside) at u, v in [-1, 1]. */
    private interface Painter {
        double paint(double u, double v, float[] rgb);
    }

    private static Rgba paint(int texels, Painter painter) {
        int plane = texels * texels;
        float[] d = new float[4 * plane];
        float[] rgb = new float[3];
        for (int j = 0; j < texels; j++) {
            for (int i = 0; i < texels; i++) {
                double u = ((i + 0.5) / texels) * 2 - 1;
                double v = ((j + 0.5) / texels) * 2 - 1;
                double inside = painter.paint(u * 1.08, v * 1.08, rgb) - 1;
                int k = j * texels + i;
                d[k] = rgb[0];
                d[plane + k] = rgb[1];
                d[2 * plane + k] = rgb[2];
                d[3 * plane + k] = edge(inside);
            }
        }
        return new Rgba(texels, texels, d);
    }

    /** Alpha of a soft edge: 1 well inside, 0 outside, a smoothstep over {@link #EDGE_TEXELS}. */
    private static float edge(double insideTexels) {
        double k = insideTexels / EDGE_TEXELS + 0.5;
        if (k <= 0) {
            return 0f;
        }
        if (k >= 1) {
            return 1f;
        }
        return (float) (k * k * (3 - 2 * k));
    }
}
