package org.videoshop.bench.scene;

/**
 * A camera moving over the scene: its view centre travels from (x0, y0) to (x1, y1) over the clip, easing in and
 * out by {@code ease} (0: constant speed, 1: smoothstep), while its zoom (frame pixels per scene unit) and roll
 * angle (radians) change linearly.
 *
 * @param x0     view centre at the first frame, scene units
 * @param y0     view centre at the first frame
 * @param x1     view centre at the last frame
 * @param y1     view centre at the last frame
 * @param zoom0  frame pixels per scene unit at the first frame
 * @param zoom1  at the last frame
 * @param roll0  roll at the first frame, radians
 * @param roll1  roll at the last frame
 * @param ease   0..1
 * @param frames frames of the clip
 */
public record Camera(double x0, double y0, double x1, double y1, double zoom0, double zoom1, double roll0,
                     double roll1, double ease, int frames) {

    public Camera {
        if (!(zoom0 > 0) || !(zoom1 > 0) || frames < 1 || !(ease >= 0 && ease <= 1)) {
            throw new IllegalArgumentException("Expected positive zooms, ease in [0, 1] and at least one frame but"
                    + " found zoom " + zoom0 + ".." + zoom1 + ", ease " + ease + ", " + frames + " frames");
        }
    }

    private double progress(int t) {
        double u = frames == 1 ? 0 : (double) t / (frames - 1);
        return (1 - ease) * u + ease * u * u * (3 - 2 * u);
    }

    double centreX(int t) {
        return x0 + (x1 - x0) * progress(t);
    }

    double centreY(int t) {
        return y0 + (y1 - y0) * progress(t);
    }

    double zoom(int t) {
        double u = frames == 1 ? 0 : (double) t / (frames - 1);
        return zoom0 + (zoom1 - zoom0) * u;
    }

    double roll(int t) {
        double u = frames == 1 ? 0 : (double) t / (frames - 1);
        return roll0 + (roll1 - roll0) * u;
    }

    /**
     * Scene coordinates of frame position (fx, fy) (pixel units, the frame's top left at 0,0) of a
     * width x height frame at frame t, into {@code out[0..1]}.
     */
    void toScene(double fx, double fy, int width, int height, int t, double[] out) {
        double z = zoom(t);
        double dx = (fx - width / 2.0) / z;
        double dy = (fy - height / 2.0) / z;
        double c = Math.cos(roll(t));
        double s = Math.sin(roll(t));
        out[0] = centreX(t) + c * dx - s * dy;
        out[1] = centreY(t) + s * dx + c * dy;
    }

    /** Frame position of scene point (sx, sy) at frame t, into {@code out[0..1]}: the inverse of toScene. */
    void toFrame(double sx, double sy, int width, int height, int t, double[] out) {
        double z = zoom(t);
        double dx = sx - centreX(t);
        double dy = sy - centreY(t);
        double c = Math.cos(roll(t));
        double s = Math.sin(roll(t));
        out[0] = (c * dx + s * dy) * z + width / 2.0;
        out[1] = (-s * dx + c * dy) * z + height / 2.0;
    }

    /** Whether every frame's view (of a width x height frame) lies inside [0, sceneW] x [0, sceneH]. */
    boolean viewsInside(int width, int height, double sceneW, double sceneH) {
        double[] p = new double[2];
        for (int t = 0; t < frames; t++) {
            for (int corner = 0; corner < 4; corner++) {
                toScene(corner % 2 == 0 ? 0 : width, corner < 2 ? 0 : height, width, height, t, p);
                if (p[0] < 0 || p[1] < 0 || p[0] > sceneW || p[1] > sceneH) {
                    return false;
                }
            }
        }
        return true;
    }
}
