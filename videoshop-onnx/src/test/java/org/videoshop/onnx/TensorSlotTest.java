package org.videoshop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.floats;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;

/** Preallocated tensor buffers: float32 round trips exactly, float16 within half precision. */
class TensorSlotTest {

    @Test
    void float32RoundTripsExactly() {
        qt().forAll(floats().between(-1e6f, 1e6f), integers().between(0, 15)).checkAssert((v, i) -> {
            TensorSlot s = new TensorSlot("x", new long[] {2, 8}, TensorSlot.Type.FLOAT);
            s.put(i, new float[] {v}, 0, 1);
            float[] out = new float[1];
            s.get(i, out, 0, 1);
            assertEquals(v, out[0]);
        });
    }

    @Test
    void float16RoundTripsWithinHalfPrecision() {
        qt().forAll(floats().between(-60000f, 60000f)).checkAssert(v -> {
            TensorSlot s = new TensorSlot("x", new long[] {1}, TensorSlot.Type.FLOAT16);
            s.set(0, v);
            float[] out = new float[1];
            s.get(0, out, 0, 1);
            // 11 significant bits: relative error at most 2^-11 for normal halves; absolute 2^-25 near zero
            assertEquals(v, out[0], Math.max(Math.abs(v) * 0x1p-11f, 0x1p-24f));
        });
    }

    @Test
    void affineWritesScaleThenShift() {
        TensorSlot s = new TensorSlot("x", new long[] {3}, TensorSlot.Type.FLOAT);
        s.putAffine(0, new float[] {0f, 0.5f, 1f}, 0, 3, 2f, -1f);
        float[] out = new float[3];
        s.get(0, out, 0, 3);
        assertEquals(-1f, out[0]);
        assertEquals(0f, out[1]);
        assertEquals(1f, out[2]);
    }
}
