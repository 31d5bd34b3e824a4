package org.videoshop.bench.scene;

/**
 * A recolouring of one region of the background, fixed in the scene: an ellipse centred at (cx, cy) with radii
 * rx, ry turned by {@code angle}, whose weight falls from 1 inside to 0 over {@code feather} scene units at its
 * edge. Only the background is recoloured; sprites in front of it keep their colours.
 *
 * @param cx      centre, scene units
 * @param cy      centre
 * @param rx      radius along the ellipse's own x axis
 * @param ry      radius along its y axis
 * @param angle   turn, radians
 * @param feather width of the soft edge, scene units
 * @param shift   the recolouring
 */
public record RegionTint(double cx, double cy, double rx, double ry, double angle, double feather,
                         ColourShift shift) {

    public RegionTint {
        if (!(rx > 0) || !(ry > 0) || !(feather >= 0)) {
            throw new IllegalArgumentException("Expected positive radii and a non-negative feather but found "
                    + rx + ", " + ry + ", " + feather);
        }
    }

    /** The region's weight at scene point (x, y), in [0, 1]. */
    double weight(double x, double y) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double dx = x - cx;
        double dy = y - cy;
        double u = (c * dx + s * dy) / rx;
        double v = (-s * dx + c * dy) / ry;
        double r = Math.sqrt(u * u + v * v);
        // distance outside the ellipse, approximately, in scene units
        double outside = (r - 1) * Math.min(rx, ry);
        if (outside <= -feather / 2) {
            return 1;
        }
        if (outside >= feather / 2 || feather == 0) {
            return outside < 0 ? 1 : 0;
        }
        double k = 0.5 - outside / feather;
        return k * k * (3 - 2 * k);
    }
}
