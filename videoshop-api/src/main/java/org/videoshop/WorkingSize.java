package org.videoshop;

import org.videoshop.model.ModelSpec;

/**
 * The size the model runs at for a clip: the clip's aspect at about the model's native pixel count
 * ({@code spec.width() * spec.height()}), each side a multiple of {@link ModelSpec#sizeMultiple()}, never squashed to
 * the model's own aspect. SVD (1024x576 native, multiple 64) runs 16:9 clips at 1024x576 and 9:16 clips at
 * 576x1024; the bundled tiny model (64x64, multiple 16) runs 16:9 at 80x48 and 9:16 at 48x80. Stateless.
 */
public final class WorkingSize {

    /** Weight of the pixel-count error against the aspect error when choosing between candidate sizes. */
    private static final double PIXEL_WEIGHT = 0.5;

    private WorkingSize() {
    }

    /**
     * The working size for frames of width x height: among the sizes whose sides are multiples of the model's size
     * multiple near the ideal ({@code sqrt(pixels * aspect)} by {@code sqrt(pixels / aspect)}), the one that
     * minimises {@code |ln(aspect error)| + 0.5 |ln(pixel-count error)|}.
     */
    public static FrameSize automatic(int width, int height, ModelSpec spec) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("Expected frames of at least 1x1 pixels but found " + width + "x"
                    + height);
        }
        int m = spec.sizeMultiple();
        double pixels = (double) spec.width() * spec.height();
        double aspect = (double) width / height;
        double idealHeight = Math.sqrt(pixels / aspect);
        int h0 = (int) Math.round(idealHeight / m);
        FrameSize best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int hk = Math.max(1, h0 - 2); hk <= h0 + 2; hk++) {
            int h = hk * m;
            int w = Math.max(1, (int) Math.round(h * aspect / m)) * m;
            double cost = Math.abs(Math.log((double) w / h / aspect))
                    + PIXEL_WEIGHT * Math.abs(Math.log(w * (double) h / pixels));
            if (cost < bestCost - 1e-12) {
                bestCost = cost;
                best = new FrameSize(w, h);
            }
        }
        return best;
    }

    /** The options' working size if set (checked against the model), else {@link #automatic}. */
    public static FrameSize resolve(VideoshopOptions options, int width, int height, ModelSpec spec) {
        if (options.workingSize() == null) {
            return automatic(width, height, spec);
        }
        check(options.workingSize(), spec);
        return options.workingSize();
    }

    /** Throws unless both sides of {@code size} are multiples of the model's size multiple. */
    public static void check(FrameSize size, ModelSpec spec) {
        int m = spec.sizeMultiple();
        if (size.width() % m != 0 || size.height() % m != 0) {
            int w = Math.max(m, Math.round(size.width() / (float) m) * m);
            int h = Math.max(m, Math.round(size.height() / (float) m) * m);
            throw new IllegalArgumentException("Expected a working size whose sides are multiples of " + m
                    + " (model " + spec.name() + "'s size multiple), e.g. " + w + "x" + h + ", but found " + size);
        }
    }
}
