package org.videoshop.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.videoshop.tensor.Frame;

/**
 * The automatic edit region: seeded exactly by frame 0's change, carried with the camera when the edit is fixed in
 * the scene and with the object when an edited object moves, exactly 0 far from the edit, everything for a global
 * edit; and the regeneration weight tells a recolour (texture kept) from a pasted object (texture replaced).
 */
class EditRegionTest {

    static final int W = 96;
    static final int H = 64;

    /** A smooth random texture, large enough to pan over. */
    static float[] texture(Random r, int w, int h) {
        float[] t = new float[3 * w * h];
        for (int i = 0; i < t.length; i++) {
            t[i] = r.nextFloat();
        }
        float[] out = new float[t.length];
        for (int c = 0; c < 3; c++) {
            float[] plane = new float[w * h];
            System.arraycopy(t, c * w * h, plane, 0, w * h);
            System.arraycopy(EditRegion.boxMean(plane, w, h, 2), 0, out, c * w * h, w * h);
        }
        return out;
    }

    /** The W x H view of {@code scene} (sw x sh) at offset (ox, oy). */
    static Frame view(float[] scene, int sw, int sh, int ox, int oy) {
        float[] f = new float[3 * W * H];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    f[c * W * H + y * W + x] = scene[c * sw * sh + (y + oy) * sw + x + ox];
                }
            }
        }
        return new Frame(H, W, f);
    }

    /** A copy of {@code f} with the box [x0, x0 + s) x [y0, y0 + s) painted (r, g, b), or recoloured (redder, less blue) when null. */
    static Frame paint(Frame f, int x0, int y0, int s, float[] rgb) {
        float[] d = f.data().clone();
        int plane = W * H;
        for (int y = y0; y < y0 + s; y++) {
            for (int x = x0; x < x0 + s; x++) {
                int i = y * W + x;
                if (rgb == null) {
                    d[i] = Math.min(1f, d[i] + 0.3f);
                    d[2 * plane + i] = Math.max(0f, d[2 * plane + i] - 0.3f);
                } else {
                    for (int c = 0; c < 3; c++) {
                        d[c * plane + i] = rgb[c];
                    }
                }
            }
        }
        return new Frame(H, W, d);
    }

    static float at(float[] region, int x, int y) {
        return region[y * W + x];
    }

    @Test
    void anEditFixedInThePannedSceneIsFollowedAndNothingFarAwayIsTouched() {
        qt().withFixedSeed(17).withExamples(6).forAll(longs().all(), integers().between(-3, 3),
                integers().between(-2, 2)).checkAssert((seed, dx, dy) -> {
            Random r = new Random(seed);
            int sw = W + 60;
            int sh = H + 40;
            float[] scene = texture(r, sw, sh);
            Frame source0 = view(scene, sw, sh, 30, 20);
            EditRegion region = EditRegion.start(source0, paint(source0, 40, 24, 14, null));
            assertTrue(region.regeneration() < 0.2f, "a recolour keeps the texture: " + region.regeneration());
            assertEquals(1f, at(region.first(), 47, 31), 1e-6f);
            for (int t = 1; t <= 5; t++) {
                float[] m = region.next(view(scene, sw, sh, 30 + dx * t, 20 + dy * t));
                // the camera moved by (dx, dy) per frame: the scene moves by (-dx, -dy) in the frame
                assertTrue(at(m, 47 - dx * t, 31 - dy * t) > 0.9f, "frame " + t + " follows the scene");
                assertEquals(0f, at(m, 10, 55), "frame " + t + ": far from the edit, exactly 0");
                assertEquals(0f, at(m, 90, 5), "frame " + t + ": far from the edit, exactly 0");
            }
        });
    }

    @Test
    void anEditedMovingObjectIsFollowedNotTheCamera() {
        Random r = new Random(5);
        float[] scene = texture(r, W, H);
        float[] objectColour = {0.9f, 0.1f, 0.2f};
        float[] edited = {0.1f, 0.2f, 0.9f};
        Frame source0 = paint(new Frame(H, W, scene), 20, 20, 16, objectColour);
        EditRegion region = EditRegion.start(source0, paint(source0, 20, 20, 16, edited));
        assertTrue(region.regeneration() >= 0f && region.regeneration() <= 1f);
        for (int t = 1; t <= 6; t++) {
            Frame f = paint(new Frame(H, W, scene), 20 + 4 * t, 20 + t, 16, objectColour);
            float[] m = region.next(f);
            assertTrue(at(m, 28 + 4 * t, 28 + t) > 0.9f, "frame " + t + " follows the object: "
                    + at(m, 28 + 4 * t, 28 + t));
            assertEquals(0f, at(m, 21, 21), "frame " + t + ": where the object was, the region left");
        }
    }

    @Test
    void aPastedObjectReplacesTheTextureAndAGlobalEditIsEverything() {
        Random r = new Random(8);
        Frame source0 = new Frame(H, W, texture(r, W, H));
        EditRegion pasted = EditRegion.start(source0, paint(source0, 30, 20, 20, new float[] {0.5f, 0.5f, 0.5f}));
        assertEquals(1f, pasted.regeneration(), 1e-6f, "a flat object over texture replaces it");
        assertFalse(pasted.global());
        float[] brighter = source0.data().clone();
        for (int i = 0; i < brighter.length; i++) {
            brighter[i] = Math.min(1f, brighter[i] + 0.2f);
        }
        EditRegion global = EditRegion.start(source0, new Frame(H, W, brighter));
        assertTrue(global.global());
        for (float v : global.next(source0)) {
            assertEquals(1f, v);
        }
        EditRegion none = EditRegion.start(source0, source0);
        for (float v : none.next(new Frame(H, W, texture(r, W, H)))) {
            assertEquals(0f, v, "no edit, no region");
        }
        assertThrows(IllegalArgumentException.class, () -> EditRegion.start(source0, new Frame(H - 1, W,
                new float[3 * (H - 1) * W])));
    }
}
