package org.videoshop.bench.scene;

/**
 * Where a sprite is in the scene at frame t: its centre moves at constant velocity plus a sideways sine sway, and
 * it turns at a constant rate. All in scene units (the background photo's pixels) and radians.
 *
 * @param x0        centre at frame 0
 * @param y0        centre at frame 0
 * @param vx        velocity per frame
 * @param vy        velocity per frame
 * @param sway      amplitude of the sway perpendicular to the velocity
 * @param swayRate  sway angular frequency, radians per frame
 * @param angle0    orientation at frame 0
 * @param spin      orientation change per frame
 */
public record Motion(double x0, double y0, double vx, double vy, double sway, double swayRate, double angle0,
                     double spin) {

    /** Fixed in the scene (it moves in the frame only with the camera). */
    public static Motion fixed(double x, double y, double angle) {
        return new Motion(x, y, 0, 0, 0, 0, angle, 0);
    }

    /** Whether the sprite stays where it is in the scene. */
    public boolean isFixed() {
        return vx == 0 && vy == 0 && sway == 0 && spin == 0;
    }

    double x(int t) {
        double speed = Math.hypot(vx, vy);
        double px = speed == 0 ? 0 : -vy / speed;
        return x0 + vx * t + px * sway * Math.sin(swayRate * t);
    }

    double y(int t) {
        double speed = Math.hypot(vx, vy);
        double py = speed == 0 ? 0 : vx / speed;
        return y0 + vy * t + py * sway * Math.sin(swayRate * t);
    }

    double angle(int t) {
        return angle0 + spin * t;
    }
}
