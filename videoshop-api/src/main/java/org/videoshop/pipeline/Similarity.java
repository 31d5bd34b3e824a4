package org.videoshop.pipeline;

/**
 * A similarity transform of the plane (scale, rotation and translation), in pixel coordinates: (x, y) goes to
 * (c x - s y + tx, s x + c y + ty), where c = k cos(angle) and s = k sin(angle) for a scale k. It maps a point of
 * frame 0 to where that point of the scene (or of an object) is in a later frame.
 *
 * @param c  scale times the cosine of the rotation
 * @param s  scale times its sine
 * @param tx translation in x
 * @param ty translation in y
 */
record Similarity(double c, double s, double tx, double ty) {

    /** The identity. */
    static final Similarity IDENTITY = new Similarity(1, 0, 0, 0);

    /** The scale factor. */
    double scale() {
        return Math.hypot(c, s);
    }

    /** The rotation, in radians. */
    double angle() {
        return Math.atan2(s, c);
    }

    double x(double x, double y) {
        return c * x - s * y + tx;
    }

    double y(double x, double y) {
        return s * x + c * y + ty;
    }

    /** This transform followed by {@code then}. */
    Similarity then(Similarity then) {
        return new Similarity(then.c * c - then.s * s, then.s * c + then.c * s, then.x(tx, ty), then.y(tx, ty));
    }

    /** The inverse transform. */
    Similarity inverse() {
        double d = c * c + s * s;
        double ic = c / d;
        double is = -s / d;
        return new Similarity(ic, is, -(ic * tx - is * ty), -(is * tx + ic * ty));
    }

    /** This transform shifted by (dx, dy) after it. */
    Similarity shifted(double dx, double dy) {
        return new Similarity(c, s, tx + dx, ty + dy);
    }

    /**
     * This transform applied {@code f} times (f may be fractional or negative: the point of the same continuous
     * motion, at constant rate of scale, turn and travel, after f steps). Its scale and rotation are those raised to
     * the power f; as z -> a z + b in complex numbers, the translation is b (a^f - 1) / (a - 1).
     */
    Similarity power(double f) {
        double k = Math.pow(scale(), f);
        double ac = k * Math.cos(f * angle());
        double as = k * Math.sin(f * angle());
        double dc = c - 1;
        double d = dc * dc + s * s;
        if (d < 1e-18) {
            return new Similarity(ac, as, tx * f, ty * f);
        }
        // q = (a^f - 1) / (a - 1), then b q
        double nr = ac - 1;
        double qr = (nr * dc + as * s) / d;
        double qi = (as * dc - nr * s) / d;
        return new Similarity(ac, as, tx * qr - ty * qi, tx * qi + ty * qr);
    }

    /**
     * The transform that moves from {@code previous} to this one again, once more: a constant-velocity prediction
     * of the next frame's transform from the last two (this one being the latest).
     */
    Similarity extrapolated(Similarity previous) {
        return this.then(previous.inverse().then(this));
    }
}
