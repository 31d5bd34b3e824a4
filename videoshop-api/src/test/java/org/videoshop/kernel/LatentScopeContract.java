package org.videoshop.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

/**
 * What every backend's {@link LatentScope} promises besides the arithmetic (extend it and return your kernels):
 * the network's buffer is a view of the tensor, host transfers are counted, foreign tensors are refused, closing
 * twice is harmless and use after close throws.
 */
public abstract class LatentScopeContract {

    /** The backend under test. */
    protected abstract LatentKernels kernels();

    @Test
    void bufferIsAViewAndTransfersAreCounted() {
        try (LatentScope scope = kernels().openScope()) {
            LatentTensor t = scope.upload(new float[] {1, 2, 3, 4});
            assertEquals(1, scope.hostTransfers());
            FloatBuffer view = t.buffer();
            assertEquals(4, view.capacity());
            view.put(2, 30f);                 // as the network writes its output
            scope.scale(t, 2f, t);
            assertEquals(8f, t.buffer().get(3));
            float[] back = new float[4];
            t.copyTo(back);
            assertArrayEquals(new float[] {2, 4, 60, 8}, back);
            assertEquals(2, scope.hostTransfers(), "upload and copyTo; buffer views and kernels are not transfers");
            assertEquals(-1, scope.firstNonFinite(t));
            t.buffer().put(1, Float.NaN);
            assertEquals(1, scope.firstNonFinite(t));
        }
    }

    @Test
    void foreignTensorsAreRefusedAndClosedScopesThrow() {
        LatentScope a = kernels().openScope();
        LatentTensor mine = a.zeros(3);
        try (LatentScope b = kernels().openScope()) {
            LatentTensor theirs = b.zeros(3);
            assertThrows(IllegalArgumentException.class, () -> a.scale(theirs, 1f, mine));
        }
        a.close();
        a.close(); // harmless
        assertThrows(IllegalStateException.class, () -> a.zeros(3));
        assertThrows(IllegalStateException.class, () -> a.scale(mine, 1f, mine));
        assertThrows(IllegalStateException.class, () -> mine.copyTo(new float[3]));
    }
}
