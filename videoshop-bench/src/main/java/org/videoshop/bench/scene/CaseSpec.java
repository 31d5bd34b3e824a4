package org.videoshop.bench.scene;

/**
 * What one generated case is: its kind of edit, frame size and count, and the seed every random draw of its scene
 * comes from. The same spec always gives the same frames.
 *
 * @param kind   the edit
 * @param width  frame width in pixels
 * @param height frame height
 * @param frames frame count
 * @param seed   the seed
 */
public record CaseSpec(EditKind kind, int width, int height, int frames, long seed) {

    public CaseSpec {
        if (kind == null) {
            throw new IllegalArgumentException("Expected an edit kind but found null");
        }
        if (width < 32 || height < 32 || frames < 2) {
            throw new IllegalArgumentException("Expected frames of at least 32x32 and at least 2 frames but found "
                    + width + "x" + height + " and " + frames + " frames");
        }
    }

    /** The case's folder name, e.g. {@code 384x216-recolour-object-3}. */
    public String name() {
        return width + "x" + height + "-" + kind.id() + "-" + seed;
    }
}
