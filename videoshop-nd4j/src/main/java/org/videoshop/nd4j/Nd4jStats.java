package org.videoshop.nd4j;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sums and sums of squares of runs of a tensor, accumulated in double (the statistics' contract: a float sum of
 * squares loses the variance when it is small against the squared mean, and BLAS float dots accumulate in float):
 * the values of the runs asked for are cast to a double scratch in one ND4J pass, then all runs' sums are one BLAS
 * double gemv (the runs as a matrix's rows, times ones) and each run's sum of squares one BLAS double dot with itself,
 * on views made once per run length. Owned by one scope; {@link #close()} frees its vectors.
 */
@SuppressWarnings("try") // scopeOutOfWorkspaces() is a scope guard, never referenced in the body
final class Nd4jStats implements AutoCloseable {

    private INDArray doubles;
    private INDArray ones;
    private INDArray sums;
    private final Map<Integer, INDArray[]> runs = new HashMap<>(4);

    /**
     * Adds to {@code sum[r % groups]} and {@code sumSq[r % groups]} the sum and sum of squares of each run
     * {@code r} in [first, last) of {@code runLength} consecutive floats of {@code x} ({@code runLength} divides
     * its size).
     */
    void add(Nd4jTensor x, int runLength, int first, int last, int groups, double[] sum, double[] sumSq) {
        INDArray d = doubles(x.size());
        long from = (long) first * runLength;
        long length = (long) (last - first) * runLength;
        if (length == d.length()) {
            d.assign(x.array()); // float -> double in one native pass
        } else if (length > 0) { // only the runs asked for (one frame of many, say)
            range(d, from, length).assign(range(x.array(), from, length));
        }
        INDArray[] views = runs(runLength);
        INDArray one = ones(runLength);
        Level1 blas = Nd4j.getBlasWrapper().level1();
        int count = last - first;
        if (count > 1) { // every run's sum in one BLAS gemv: the runs as the rows of a matrix, times ones
            INDArray matrix = Nd4j.create(d.data(), new long[] {count, runLength}, new long[] {runLength, 1}, from,
                    'c', DataType.DOUBLE);
            INDArray sums = sums(count);
            Nd4j.getBlasWrapper().level2().gemv('c', 'N', 1.0, matrix, one, 0.0, sums);
            for (int r = first; r < last; r++) {
                sum[r % groups] += sums.getDouble(r - first);
            }
        } else if (count == 1) {
            sum[first % groups] += blas.dot(runLength, 1.0, views[first], one);
        }
        for (int r = first; r < last; r++) {
            sumSq[r % groups] += blas.dot(runLength, 1.0, views[r], views[r]);
        }
    }

    private INDArray sums(int n) {
        if (sums == null || sums.length() != n) {
            if (sums != null) {
                sums.close();
            }
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                sums = Nd4j.create(DataType.DOUBLE, n);
            }
        }
        return sums;
    }

    private static INDArray range(INDArray a, long offset, long length) {
        return Nd4j.create(a.data(), new long[] {length}, new long[] {1}, offset, 'c', a.dataType());
    }

    private INDArray[] runs(int length) {
        INDArray[] views = runs.get(length);
        if (views == null) {
            views = new INDArray[(int) (doubles.length() / length)];
            for (int i = 0; i < views.length; i++) {
                views[i] = Nd4j.create(doubles.data(), new long[] {length}, new long[] {1}, (long) i * length, 'c',
                        DataType.DOUBLE);
            }
            runs.put(length, views);
        }
        return views;
    }

    private INDArray ones(int n) {
        if (ones == null || ones.length() != n) {
            if (ones != null) {
                ones.close();
            }
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                ones = Nd4j.ones(DataType.DOUBLE, n);
            }
        }
        return ones;
    }

    private INDArray doubles(int n) {
        if (doubles == null || doubles.length() != n) {
            if (doubles != null) {
                doubles.close();
            }
            runs.clear();
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                doubles = Nd4j.createUninitialized(DataType.DOUBLE, n);
            }
        }
        return doubles;
    }

    @Override
    public void close() {
        runs.clear();
        if (sums != null) {
            sums.close();
            sums = null;
        }
        if (ones != null) {
            ones.close();
            ones = null;
        }
        if (doubles != null) {
            doubles.close();
            doubles = null;
        }
    }
}
