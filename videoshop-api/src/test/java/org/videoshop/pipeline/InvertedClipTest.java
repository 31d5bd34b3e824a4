package org.videoshop.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.videoshop.VideoshopOptions;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Video;
import org.videoshop.InvertedClip;

/** An inversion's identity includes its trajectory: equal clips hash alike, another trajectory hashes apart. */
class InvertedClipTest {

    private static InvertedClip clip(float level) {
        LatentShape shape = new LatentShape(1, 1, 1, 2);
        Video source = new Video(1, 2, 4, new float[3 * 2 * 4]);
        return new InvertedClip("m", "1", VideoshopOptions.defaults(), source, shape, new double[] {1.0, 0.0},
                List.of(new float[] {level, 2f}, new float[] {0f, 0f}), true, null);
    }

    @Test
    void hashCodeFollowsTheTrajectory() {
        assertEquals(clip(1f), clip(1f));
        assertEquals(clip(1f).hashCode(), clip(1f).hashCode());
        assertNotEquals(clip(1f), clip(3f));
        assertNotEquals(clip(1f).hashCode(), clip(3f).hashCode(), "the trajectory is part of the hash");
    }
}
