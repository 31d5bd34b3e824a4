package org.videoshop.nd4j;

import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Two float vectors of one length (and, on first use, one double vector) held outside any workspace, with the
 * copies between them and Java arrays. One thread uses a scratch at a time ({@link ScratchPool} hands it out);
 * {@link #close()} frees its native memory at once instead of leaving it to the garbage collector.
 */
@SuppressWarnings("try") // scopeOutOfWorkspaces() is a scope guard, never referenced in the body
final class Scratch implements AutoCloseable {

    final int length;
    final INDArray a;
    final INDArray b;
    private final FloatPointer pa;
    private final FloatPointer pb;
    private INDArray d;
    private DoublePointer pd;

    private final AtomicLong transfers;

    /** A scratch of {@code length} floats whose copies to and from Java arrays add to {@code transfers}. */
    Scratch(int length, AtomicLong transfers) {
        this.length = length;
        this.transfers = transfers;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            this.a = Nd4j.createUninitialized(DataType.FLOAT, length);
            INDArray second;
            try {
                second = Nd4j.createUninitialized(DataType.FLOAT, length);
            } catch (RuntimeException | Error e) {
                a.close(); // do not leak the first vector when native memory runs out
                throw e;
            }
            this.b = second;
        }
        this.pa = hostFloats(a);
        this.pb = hostFloats(b);
    }

    /** Native bytes held. */
    long bytes() {
        return (long) length * (Float.BYTES * 2 + (d == null ? 0 : Double.BYTES));
    }

    /** Copies {@code src} into {@link #a} (one memcpy). */
    INDArray loadA(float[] src) {
        return load(a, pa, src);
    }

    /** Copies {@code src} into {@link #b} (one memcpy). */
    INDArray loadB(float[] src) {
        return load(b, pb, src);
    }

    /** Copies {@link #a} into {@code dst}. */
    void storeA(float[] dst) {
        store(a, pa, dst);
    }

    /** Copies {@link #b} into {@code dst}. */
    void storeB(float[] dst) {
        store(b, pb, dst);
    }

    /** The double vector of this length, created on first use (statistics accumulate in double). */
    INDArray doubles() {
        if (d == null) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                d = Nd4j.createUninitialized(DataType.DOUBLE, length);
            }
            Nd4j.getAffinityManager().ensureLocation(d, AffinityManager.Location.HOST);
            pd = new DoublePointer(d.data().addressPointer());
        }
        return d;
    }

    private static FloatPointer hostFloats(INDArray arr) {
        // On CUDA this allocates the host mirror; on CPU it is a no-op.
        Nd4j.getAffinityManager().ensureLocation(arr, AffinityManager.Location.HOST);
        return new FloatPointer(arr.data().addressPointer());
    }

    private INDArray load(INDArray arr, FloatPointer p, float[] src) {
        check(src);
        p.position(0).put(src, 0, length);
        transfers.incrementAndGet();
        // Host memory now holds the truth (no-op on CPU; on CUDA the device copy is refreshed before the next op).
        Nd4j.getAffinityManager().tagLocation(arr, AffinityManager.Location.HOST);
        return arr;
    }

    private void store(INDArray arr, FloatPointer p, float[] dst) {
        check(dst);
        Nd4j.getAffinityManager().ensureLocation(arr, AffinityManager.Location.HOST);
        p.position(0).get(dst, 0, length);
        transfers.incrementAndGet();
    }

    private void check(float[] x) {
        if (x.length != length) {
            throw new IllegalArgumentException("Expected " + length + " floats for this scratch but found " + x.length);
        }
    }

    @Override
    public void close() {
        a.close();
        b.close();
        if (d != null) {
            d.close();
        }
    }
}
