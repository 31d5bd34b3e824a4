package org.videoshop.bench.scene;

import java.util.ArrayList;
import java.util.List;

/**
 * A scene seen through a moving camera: a background photograph (scene units are its pixels), sprites drawn over
 * it from back to front, and optionally one recoloured region of the background. Immutable; the edits of the
 * evaluation cases are new scenes made by the {@code with...} methods.
 *
 * @param background the photograph
 * @param camera     the camera's path
 * @param sprites    back to front
 * @param tint       a recoloured background region, or null
 */
public record Scene(Rgba background, Camera camera, List<Sprite> sprites, RegionTint tint) {

    public Scene {
        sprites = List.copyOf(sprites);
    }

    /** This scene with {@code sprite} drawn in front of everything. */
    public Scene withSpriteOnTop(Sprite sprite) {
        List<Sprite> s = new ArrayList<>(sprites);
        s.add(sprite);
        return new Scene(background, camera, s, tint);
    }

    /** This scene with sprite {@code index} replaced (same depth); {@code null} removes it. */
    public Scene withSprite(int index, Sprite sprite) {
        List<Sprite> s = new ArrayList<>(sprites);
        if (sprite == null) {
            s.remove(index);
        } else {
            s.set(index, sprite);
        }
        return new Scene(background, camera, s, tint);
    }

    /** This scene with its background region recoloured. */
    public Scene withTint(RegionTint regionTint) {
        return new Scene(background, camera, sprites, regionTint);
    }
}
