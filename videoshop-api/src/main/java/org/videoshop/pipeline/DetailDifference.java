package org.videoshop.pipeline;

import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Video;

/**
 * Detail mode's propagated change of one window, D = E' - R at the working size, where E' is the edit's decoded
 * output after a per-channel affine colour correction anchored on the first frame. The latent rescale (matching
 * frame 0 to the edited frame's channel statistics) moves every pixel of every frame when a local edit shifts those
 * statistics; on the tiny model a recoloured quarter of the frame moved the untouched rest by more than the edit
 * region's threshold. The correction maps E so that its first frame best matches, in least squares per channel,
 * what it should be: R's first frame plus the change the user made there (condition - source). A global edit keeps
 * its change (it is in that target); a local one loses the spurious global shift. Stateless.
 */
public final class DetailDifference {

    private DetailDifference() {
    }

    /**
     * @param edit           E, the decoded edit of the window
     * @param reconstruction R, the decoded reconstruction (same size)
     * @param condition      the frame E was conditioned on (the user's edited frame, or the output where the
     *                       window begins), at the working size
     * @param source0        the window's first source frame at the working size
     * @return D = a_c E + b_c - R, a new clip
     */
    public static Video of(Video edit, Video reconstruction, Frame condition, Frame source0) {
        int plane = edit.width() * edit.height();
        float[] e = edit.data();
        float[] r = reconstruction.data();
        float[] cond = condition.data();
        float[] src = source0.data();
        float[] a = new float[3];
        float[] b = new float[3];
        for (int c = 0; c < 3; c++) {
            double se = 0;
            double st = 0;
            double see = 0;
            double set = 0;
            for (int i = 0; i < plane; i++) {
                int k = c * plane + i;
                double x = e[k];
                double y = r[k] + cond[k] - src[k];
                se += x;
                st += y;
                see += x * x;
                set += x * y;
            }
            double mx = se / plane;
            double my = st / plane;
            double var = see / plane - mx * mx;
            double cov = set / plane - mx * my;
            double slope = var > 1e-8 ? cov / var : 1.0;
            slope = Math.max(0.5, Math.min(2.0, slope));
            a[c] = (float) slope;
            b[c] = (float) (my - slope * mx);
        }
        float[] d = new float[e.length];
        int fs = 3 * plane;
        for (int t = 0; t < edit.frames(); t++) {
            for (int c = 0; c < 3; c++) {
                int base = t * fs + c * plane;
                for (int i = 0; i < plane; i++) {
                    d[base + i] = a[c] * e[base + i] + b[c] - r[base + i];
                }
            }
        }
        return new Video(edit.frames(), edit.height(), edit.width(), d);
    }
}
