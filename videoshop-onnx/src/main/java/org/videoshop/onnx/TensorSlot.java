package org.videoshop.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.platform.Fp16Conversions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.Arrays;

/**
 * One preallocated tensor of a fixed shape: a direct, native-order buffer that ONNX Runtime reads (inputs) or
 * writes (pinned outputs) in place, without a copy. float32 slots hold a FloatBuffer; float16 slots a ShortBuffer
 * (values are converted on the way in and out); int64 slots a LongBuffer. Owned by one {@link Workspace}; not
 * thread-safe (a workspace is used by one call at a time). The buffer is plain JVM direct memory; the
 * {@link OnnxTensor} views made by {@link #tensor} are owned (and closed) by the caller.
 */
final class TensorSlot {

    /** Element type of a slot. */
    enum Type { FLOAT, FLOAT16, INT64 }

    private final String name;
    private final long[] shape;
    private final Type type;
    private final int size;
    private final FloatBuffer floats;
    private final ShortBuffer halves;
    private final LongBuffer longs;

    TensorSlot(String name, long[] shape, Type type) {
        this.name = name;
        this.shape = shape.clone();
        this.type = type;
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE / 8) {
            throw new IllegalArgumentException("Expected tensor " + name + " to hold at most "
                    + Integer.MAX_VALUE / 8 + " elements but its shape " + Arrays.toString(shape) + " holds " + n);
        }
        this.size = (int) n;
        int bytes = size * (type == Type.FLOAT ? 4 : type == Type.FLOAT16 ? 2 : 8);
        ByteBuffer raw = ByteBuffer.allocateDirect(Math.max(bytes, 8)).order(ByteOrder.nativeOrder());
        raw.limit(bytes);
        this.floats = type == Type.FLOAT ? raw.asFloatBuffer() : null;
        this.halves = type == Type.FLOAT16 ? raw.asShortBuffer() : null;
        this.longs = type == Type.INT64 ? raw.asLongBuffer() : null;
    }

    String name() {
        return name;
    }

    int size() {
        return size;
    }

    /** Copies {@code length} floats of {@code src} from {@code srcOffset} to element {@code offset}. */
    void put(int offset, float[] src, int srcOffset, int length) {
        if (type == Type.FLOAT) {
            floats.put(offset, src, srcOffset, length);
        } else {
            for (int i = 0; i < length; i++) {
                halves.put(offset + i, Fp16Conversions.floatToFp16(src[srcOffset + i]));
            }
        }
    }

    /** Copies {@code length} floats of {@code src} (any buffer: heap, or direct over a backend's tensor) from {@code srcOffset} to element {@code offset}. */
    void put(int offset, FloatBuffer src, int srcOffset, int length) {
        if (type == Type.FLOAT) {
            floats.put(offset, src, srcOffset, length);
        } else {
            for (int i = 0; i < length; i++) {
                halves.put(offset + i, Fp16Conversions.floatToFp16(src.get(srcOffset + i)));
            }
        }
    }

    /** Copies {@code length} elements from element {@code offset} into {@code dst} at {@code dstOffset}. */
    void get(int offset, FloatBuffer dst, int dstOffset, int length) {
        if (type == Type.FLOAT) {
            dst.put(dstOffset, floats, offset, length);
        } else {
            for (int i = 0; i < length; i++) {
                dst.put(dstOffset + i, Fp16Conversions.fp16ToFloat(halves.get(offset + i)));
            }
        }
    }

    /** As {@link #put}, writing {@code scale * v + shift}. */
    void putAffine(int offset, float[] src, int srcOffset, int length, float scale, float shift) {
        for (int i = 0; i < length; i++) {
            set(offset + i, scale * src[srcOffset + i] + shift);
        }
    }

    /** Sets one element. */
    void set(int index, float v) {
        switch (type) {
            case FLOAT -> floats.put(index, v);
            case FLOAT16 -> halves.put(index, Fp16Conversions.floatToFp16(v));
            case INT64 -> longs.put(index, (long) v);
        }
    }

    /** Sets one int64 element. */
    void setLong(int index, long v) {
        longs.put(index, v);
    }

    /** Copies {@code length} elements from element {@code offset} into {@code dst} at {@code dstOffset}. */
    void get(int offset, float[] dst, int dstOffset, int length) {
        if (type == Type.FLOAT) {
            floats.get(offset, dst, dstOffset, length);
        } else {
            for (int i = 0; i < length; i++) {
                dst[dstOffset + i] = Fp16Conversions.fp16ToFloat(halves.get(offset + i));
            }
        }
    }

    /** A tensor viewing this slot's buffer (no copy); the caller closes it. */
    OnnxTensor tensor(OrtEnvironment env) throws OrtException {
        return switch (type) {
            case FLOAT -> OnnxTensor.createTensor(env, floats, shape);
            case FLOAT16 -> OnnxTensor.createTensor(env, halves, shape, OnnxJavaType.FLOAT16);
            case INT64 -> OnnxTensor.createTensor(env, longs, shape);
        };
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + " " + type;
    }
}
