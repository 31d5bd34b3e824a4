package org.videoshop.bench.scene;

import java.util.List;
import org.videoshop.tensor.Video;

/**
 * Renders a {@link Scene} into frames of a given size: each pixel averages ss x ss samples (ss from the camera's
 * smallest zoom, so a photograph seen from afar is integrated over the pixel as a camera sensor does, not
 * aliased), quantised to 8 bits as a decoded video is. Stateless.
 */
public final class SceneRenderer {

    private SceneRenderer() {
    }

    /** Samples per pixel side for a camera: enough that one sample covers at most about one scene unit. */
    static int supersampling(Camera camera) {
        double z = Math.min(camera.zoom0(), camera.zoom1());
        return Math.max(1, Math.min(3, (int) Math.ceil(1.0 / z - 1e-9)));
    }

    /** The clip of the camera's frame count, width x height, values on the 8-bit grid. */
    public static Video render(Scene scene, int width, int height) {
        int frames = scene.camera().frames();
        int plane = width * height;
        float[] data = new float[frames * 3 * plane];
        int ss = supersampling(scene.camera());
        float[] rgb = new float[3];
        float[] texel = new float[4];
        double[] p = new double[2];
        for (int t = 0; t < frames; t++) {
            Pose pose = new Pose(scene, t, width, height);
            int base = t * 3 * plane;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    float r = 0;
                    float g = 0;
                    float b = 0;
                    for (int sy = 0; sy < ss; sy++) {
                        for (int sx = 0; sx < ss; sx++) {
                            pose.toScene(x + (sx + 0.5) / ss, y + (sy + 0.5) / ss, p);
                            shade(scene, pose, p[0], p[1], rgb, texel);
                            r += rgb[0];
                            g += rgb[1];
                            b += rgb[2];
                        }
                    }
                    int i = y * width + x;
                    float n = ss * ss;
                    data[base + i] = to8(r / n);
                    data[base + plane + i] = to8(g / n);
                    data[base + 2 * plane + i] = to8(b / n);
                }
            }
        }
        return new Video(frames, height, width, data);
    }

    /**
     * Per frame and pixel, the coverage in [0, 1] of {@code sprite} (as if nothing were in front of it) or, when
     * {@code sprite} is null, the weight of the scene's recoloured region: where an edit of that element can show.
     */
    public static float[][] coverage(Scene scene, Sprite sprite, int width, int height) {
        int frames = scene.camera().frames();
        float[][] out = new float[frames][width * height];
        int ss = supersampling(scene.camera());
        double[] p = new double[2];
        float[] texel = new float[4];
        for (int t = 0; t < frames; t++) {
            Pose pose = new Pose(scene, t, width, height);
            double[] sp = sprite == null ? null : Pose.spritePose(sprite, t);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    float a = 0;
                    for (int sy = 0; sy < ss; sy++) {
                        for (int sx = 0; sx < ss; sx++) {
                            pose.toScene(x + (sx + 0.5) / ss, y + (sy + 0.5) / ss, p);
                            if (sprite == null) {
                                a += scene.tint() == null ? 0f : (float) scene.tint().weight(p[0], p[1]);
                            } else if (spriteSample(sprite, sp, p[0], p[1], texel)) {
                                a += texel[3];
                            }
                        }
                    }
                    out[t][y * width + x] = a / (ss * ss);
                }
            }
        }
        return out;
    }

    /** The camera and every sprite at one frame, with their sines and cosines worked out once. */
    private static final class Pose {
        final double cx;
        final double cy;
        final double cosOverZoom;
        final double sinOverZoom;
        final double halfW;
        final double halfH;
        /** Per sprite: x, y, cos, sin of its angle. */
        final double[][] sprites;

        Pose(Scene scene, int t, int width, int height) {
            Camera c = scene.camera();
            cx = c.centreX(t);
            cy = c.centreY(t);
            cosOverZoom = Math.cos(c.roll(t)) / c.zoom(t);
            sinOverZoom = Math.sin(c.roll(t)) / c.zoom(t);
            halfW = width / 2.0;
            halfH = height / 2.0;
            List<Sprite> list = scene.sprites();
            sprites = new double[list.size()][];
            for (int i = 0; i < list.size(); i++) {
                sprites[i] = spritePose(list.get(i), t);
            }
        }

        static double[] spritePose(Sprite s, int t) {
            Motion m = s.motion();
            return new double[] {m.x(t), m.y(t), Math.cos(m.angle(t)), Math.sin(m.angle(t))};
        }

        void toScene(double fx, double fy, double[] out) {
            double dx = fx - halfW;
            double dy = fy - halfH;
            out[0] = cx + cosOverZoom * dx - sinOverZoom * dy;
            out[1] = cy + sinOverZoom * dx + cosOverZoom * dy;
        }
    }

    /** The colour of the scene at scene point (sx, sy), into rgb. */
    private static void shade(Scene scene, Pose pose, double sx, double sy, float[] rgb, float[] texel) {
        scene.background().sample(sx, sy, true, texel);
        rgb[0] = texel[0];
        rgb[1] = texel[1];
        rgb[2] = texel[2];
        RegionTint tint = scene.tint();
        if (tint != null) {
            float w = (float) tint.weight(sx, sy);
            if (w > 0) {
                float r = rgb[0];
                float g = rgb[1];
                float b = rgb[2];
                tint.shift().apply(rgb);
                rgb[0] = r + w * (rgb[0] - r);
                rgb[1] = g + w * (rgb[1] - g);
                rgb[2] = b + w * (rgb[2] - b);
            }
        }
        List<Sprite> sprites = scene.sprites();
        for (int i = 0; i < sprites.size(); i++) {
            if (spriteSample(sprites.get(i), pose.sprites[i], sx, sy, texel) && texel[3] > 0) {
                float a = texel[3];
                rgb[0] += a * (texel[0] - rgb[0]);
                rgb[1] += a * (texel[1] - rgb[1]);
                rgb[2] += a * (texel[2] - rgb[2]);
            }
        }
    }

    /** Samples a sprite (at pose x, y, cos, sin) at a scene point; false when the point is clearly outside it. */
    private static boolean spriteSample(Sprite s, double[] pose, double sx, double sy, float[] texel) {
        double dx = sx - pose[0];
        double dy = sy - pose[1];
        double reach = s.size() * 0.75;
        if (Math.abs(dx) > reach || Math.abs(dy) > reach) {
            return false;
        }
        double k = s.unitsPerTexel();
        double u = (pose[2] * dx + pose[3] * dy) / k + s.art().width() / 2.0;
        double v = (-pose[3] * dx + pose[2] * dy) / k + s.art().height() / 2.0;
        s.art().sample(u, v, false, texel);
        return true;
    }

    private static float to8(float v) {
        float c = v < 0f ? 0f : (v > 1f ? 1f : v);
        return Math.round(c * 255f) / 255f;
    }
}
