package org.videoshop.nd4j;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.videoshop.kernel.LatentTensor;

/**
 * A tensor of an {@link Nd4jScope}: one float {@link INDArray} outside any workspace, with the views that the scope's
 * BLAS calls work on (one per frame or per channel plane, made once per tensor and row length, never closed: they
 * share the array's memory). The array is freed when the scope closes. As a blend weight it keeps its
 * {@link WeightRuns} while unchanged: every write through the scope, {@link #copyFrom} and {@link #buffer()} (after
 * which the network may write at any time: then it keeps none) end them. Used by one thread at a time.
 */
final class Nd4jTensor implements LatentTensor {

    private final Nd4jScope owner;
    private final INDArray array;
    private final int size;
    private final Map<Integer, INDArray[]> rows = new HashMap<>(4);
    private FloatPointer pointer;
    private FloatBuffer view;
    /** Writes seen so far ({@link #written()}), and the count at which {@link #runs} were found. */
    private long writes;
    private long runsAt = -1;
    private WeightRuns runs;
    /** Whether {@link #buffer()} was handed out: writes through it are not seen. */
    private boolean exposed;
    /** This tensor *= weight, made once per weight (ND4J's op, reused: its set-up is most of a small call). */
    private MulOp product;
    private Nd4jTensor productWeight;

    Nd4jTensor(Nd4jScope owner, INDArray array) {
        this.owner = owner;
        this.array = array;
        this.size = (int) array.length();
    }

    /** The array (throws when the scope is closed). */
    INDArray array() {
        owner.checkOpen();
        return array;
    }

    /** Contiguous views of {@code length} floats each, in order ({@code length} divides the size). */
    INDArray[] rows(int length) {
        owner.checkOpen();
        INDArray[] views = rows.get(length);
        if (views == null) {
            views = new INDArray[size / length];
            for (int i = 0; i < views.length; i++) {
                views[i] = Nd4j.create(array.data(), new long[] {length}, new long[] {1}, (long) i * length, 'c',
                        array.dataType());
            }
            rows.put(length, views);
        }
        return views;
    }

    /** Marks the tensor as written (its weight runs, if any, no longer hold); returns it. */
    Nd4jTensor written() {
        writes++;
        return this;
    }

    /**
     * The runs of this tensor as a blend weight, found on the first call after a write (one scan of host memory), or
     * null where the run path does not pay ({@link WeightRuns#of}) or the tensor was handed to the network.
     */
    WeightRuns weightRuns() {
        if (exposed) {
            return null;
        }
        if (runsAt != writes) {
            runs = WeightRuns.of(hostView(), size);
            runsAt = writes;
        }
        return runs;
    }

    /** The op multiplying this tensor in place by {@code weight}, made once per weight. */
    MulOp timesInPlace(Nd4jTensor weight) {
        if (product == null || productWeight != weight) {
            product = new MulOp(array(), weight.array(), array());
            productWeight = weight;
        }
        return product;
    }

    /** A direct buffer over the host memory, for absolute reads and writes (made once; no location tagging). */
    FloatBuffer hostView() {
        FloatPointer p = host();
        if (view == null) {
            view = p.position(0).asBuffer();
        }
        return view;
    }

    private FloatPointer host() {
        owner.checkOpen();
        Nd4j.getAffinityManager().ensureLocation(array, AffinityManager.Location.HOST);
        if (pointer == null) {
            pointer = new FloatPointer(array.data().addressPointer());
            pointer.capacity(size).limit(size);
        }
        return pointer;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void copyTo(float[] dst) {
        lengths(dst.length);
        host().position(0).get(dst, 0, size);
        owner.counted();
    }

    @Override
    public void copyFrom(float[] src) {
        lengths(src.length);
        host().position(0).put(src, 0, size);
        Nd4j.getAffinityManager().tagLocation(array, AffinityManager.Location.HOST);
        written();
        owner.counted();
    }

    @Override
    public FloatBuffer buffer() {
        FloatBuffer b = host().position(0).asBuffer();
        // the network may write through the view: the host copy is now the truth (no-op on CPU)
        Nd4j.getAffinityManager().tagLocation(array, AffinityManager.Location.HOST);
        exposed = true;
        return b;
    }

    /** The index of the first NaN or infinite value read from host memory, or -1. */
    int firstNonFiniteOnHost() {
        FloatBuffer b = hostView();
        for (int i = 0; i < size; i++) {
            if (!Float.isFinite(b.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private void lengths(int other) {
        if (size != other) {
            throw new IllegalArgumentException("Expected " + size + " floats like the tensor but found " + other);
        }
    }

    /** Frees the array; the views die with it. */
    void free() {
        rows.clear();
        product = null;
        productWeight = null;
        runs = null;
        view = null;
        array.close();
    }
}
