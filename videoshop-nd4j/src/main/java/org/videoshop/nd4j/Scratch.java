package org.videoshop.nd4j;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Two tensors of one length in a private {@link Nd4jScope}: where the {@code float[]} kernels of
 * {@link Nd4jKernels} copy their inputs, run the scope's kernel and copy the result from. One thread uses a scratch
 * at a time ({@link ScratchPool} hands it out); {@link #close()} frees its native memory at once instead of leaving
 * it to the garbage collector.
 */
final class Scratch implements AutoCloseable {

    final int length;
    final Nd4jScope scope;
    final Nd4jTensor a;
    final Nd4jTensor b;

    /** A scratch of {@code length} floats whose copies to and from Java arrays add to {@code transfers}. */
    Scratch(int length, AtomicLong transfers) {
        this.length = length;
        this.scope = new Nd4jScope(transfers);
        try {
            this.a = (Nd4jTensor) scope.zeros(length);
            this.b = (Nd4jTensor) scope.zeros(length);
        } catch (RuntimeException | Error e) {
            scope.close(); // do not leak the first vector when native memory runs out
            throw e;
        }
    }

    /** Native bytes held (the two tensors; the scope's small vectors of ones are not counted). */
    long bytes() {
        return (long) length * Float.BYTES * 2;
    }

    @Override
    public void close() {
        scope.close();
    }
}
