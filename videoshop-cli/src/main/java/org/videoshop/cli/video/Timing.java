package org.videoshop.cli.video;

import java.util.Arrays;
import java.util.Locale;

/**
 * When each frame of a clip is shown: presentation times in a time base of {@code timeBaseNum / timeBaseDen}
 * seconds, in display order, and the time the last frame ends (so that a clip keeps its duration). A constant
 * rate clip has evenly spaced times; a variable-rate video or a GIF with mixed delays has not.
 *
 * @param pts         presentation time of each frame, non-decreasing (a copy is kept)
 * @param end         when the last frame stops being shown, after its presentation time
 * @param timeBaseNum numerator of the time unit in seconds
 * @param timeBaseDen denominator of the time unit in seconds
 * @param nominalFps  the rate the source declares (for encoders and summaries)
 */
public record Timing(long[] pts, long end, int timeBaseNum, int timeBaseDen, double nominalFps) {

    public Timing {
        if (pts == null || pts.length == 0) {
            throw new IllegalArgumentException("Expected at least one frame time but found none");
        }
        if (timeBaseNum <= 0 || timeBaseDen <= 0) {
            throw new IllegalArgumentException("Expected a positive time base but found " + timeBaseNum + "/"
                    + timeBaseDen);
        }
        if (!(nominalFps > 0 && Double.isFinite(nominalFps))) {
            throw new IllegalArgumentException("Expected a frame rate > 0 but found " + nominalFps);
        }
        pts = pts.clone();
        for (int i = 1; i < pts.length; i++) {
            if (pts[i] <= pts[i - 1]) {
                throw new IllegalArgumentException("Expected increasing frame times but frame " + i + " is at "
                        + pts[i] + " after " + pts[i - 1]);
            }
        }
        if (end <= pts[pts.length - 1]) {
            throw new IllegalArgumentException("Expected the clip to end after its last frame (" + pts[pts.length - 1]
                    + ") but found " + end);
        }
    }

    /** {@code frames} frames at a constant {@code fps}. */
    public static Timing constant(int frames, double fps) {
        if (!(fps > 0 && Double.isFinite(fps))) {
            throw new IllegalArgumentException("Expected a frame rate > 0 but found " + fps);
        }
        // A time base of 1/(fps*1000) keeps fractional rates (29.97) exact to the millisecond.
        long den = Math.round(fps * 1000);
        long num = 1000;
        long g = gcd(num, den);
        long[] pts = new long[frames];
        for (int i = 0; i < frames; i++) {
            pts[i] = i;
        }
        return new Timing(pts, frames, (int) (num / g), (int) (den / g), fps);
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    @Override
    public long[] pts() {
        return pts.clone();
    }

    public int frames() {
        return pts.length;
    }

    /** Presentation time of frame {@code i} in the time base. */
    public long ptsOf(int i) {
        return pts[i];
    }

    /** How long frame {@code i} is shown, in the time base. */
    public long durationOf(int i) {
        return (i + 1 < pts.length ? pts[i + 1] : end) - pts[i];
    }

    /** Seconds from the first frame's presentation to the end of the last. */
    public double seconds() {
        return toSeconds(end - pts[0]);
    }

    /** A span of the time base in seconds. */
    public double toSeconds(long units) {
        return units * (double) timeBaseNum / timeBaseDen;
    }

    /** Frame {@code i}'s presentation time in microseconds from the first frame. */
    public long micros(int i) {
        return Math.round(toSeconds(pts[i] - pts[0]) * 1e6);
    }

    /** The first {@code n} frames, the last of them shown for as long as it was. */
    public Timing first(int n) {
        if (n >= pts.length) {
            return this;
        }
        if (n < 1) {
            throw new IllegalArgumentException("Expected at least one frame but found " + n);
        }
        return new Timing(Arrays.copyOf(pts, n), pts[n], timeBaseNum, timeBaseDen, nominalFps);
    }

    /** Whether the frames are evenly spaced (to within one unit of the time base). */
    public boolean constantRate() {
        long d0 = durationOf(0);
        for (int i = 1; i < pts.length; i++) {
            if (Math.abs(durationOf(i) - d0) > 1) {
                return false;
            }
        }
        return true;
    }

    /** "7 fps" for constant rates, "variable rate, about 7.3 fps" otherwise. */
    public String describe() {
        double mean = pts.length / seconds();
        return constantRate() ? String.format(Locale.ROOT, "%.3g fps", mean)
                : String.format(Locale.ROOT, "variable rate, about %.3g fps", mean);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Timing t && Arrays.equals(pts, t.pts) && end == t.end && timeBaseNum == t.timeBaseNum
                && timeBaseDen == t.timeBaseDen && nominalFps == t.nominalFps;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(pts) + Long.hashCode(end);
    }

    @Override
    public String toString() {
        return pts.length + " frames over " + String.format(Locale.ROOT, "%.3f s", seconds()) + " (" + describe()
                + ")";
    }
}
