package org.videoshop.bench.scene;

/**
 * An object in the scene: a texture with soft alpha, drawn centred at its {@link Motion}'s position, turned by its
 * angle, at {@code size} scene units across its texture's longer side.
 *
 * @param name   what it is (for case descriptions)
 * @param art    the texture
 * @param size   scene units across the texture's longer side
 * @param motion where it is at each frame
 */
public record Sprite(String name, Rgba art, double size, Motion motion) {

    public Sprite {
        if (!(size > 0)) {
            throw new IllegalArgumentException("Expected a positive sprite size but found " + size);
        }
    }

    /** The same sprite with another texture (same motion and size). */
    public Sprite withArt(String newName, Rgba newArt) {
        return new Sprite(newName, newArt, size, motion);
    }

    /** Scene units per texture pixel. */
    double unitsPerTexel() {
        return size / Math.max(art.width(), art.height());
    }
}
