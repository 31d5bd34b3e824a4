package org.videoshop.bench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrajectoryTest {

    @Test
    void aStraightTrajectoryHasCosineOneEverywhere() {
        float[] x0 = {1, 2, 3, 4};
        float[] v = {0.5f, -1, 0.25f, 2};
        List<float[]> xs = List.of(along(x0, v, 1), along(x0, v, 2.5f), along(x0, v, 7));
        Trajectory.Straightness s = Trajectory.Straightness.of(x0, xs);
        assertEquals(1.0, s.adjacentMean(), 1e-6);
        assertEquals(1.0, s.adjacentMin(), 1e-6);
        assertEquals(1.0, s.allPairsMean(), 1e-6);
        assertEquals(3, s.steps());
    }

    @Test
    void orthogonalTurnsAreMeasured() {
        float[] x0 = {0, 0, 0};
        // directions e1, e1+e2 (45 degrees), e2 (90 degrees from e1)
        List<float[]> xs = List.of(new float[] {1, 0, 0}, new float[] {1, 1, 0}, new float[] {0, 1, 0});
        Trajectory.Straightness s = Trajectory.Straightness.of(x0, xs);
        double c45 = Math.sqrt(0.5);
        assertEquals(c45, s.adjacentMean(), 1e-9);
        assertEquals(c45, s.adjacentMin(), 1e-9);
        assertEquals((c45 + 0 + c45) / 3, s.allPairsMean(), 1e-9);
    }

    @Test
    void fewerThanTwoStepsGiveNaN() {
        assertTrue(Double.isNaN(Trajectory.Straightness.of(new float[] {0}, List.of(new float[] {1})).adjacentMean()));
    }

    private static float[] along(float[] x0, float[] v, float t) {
        float[] x = new float[x0.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = x0[i] + t * v[i];
        }
        return x;
    }
}
