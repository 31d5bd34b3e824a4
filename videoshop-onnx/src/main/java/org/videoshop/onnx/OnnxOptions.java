package org.videoshop.onnx;

import java.util.Locale;

/**
 * How an {@link OnnxModel} runs its networks on ONNX Runtime. Immutable; build with {@link #builder()}.
 *
 * @param executionProvider where the networks run (CUDA needs the {@code cuda} Maven profile's onnxruntime_gpu)
 * @param cudaDevice        CUDA device index, used with {@link ExecutionProvider#CUDA}
 * @param intraOpThreads    threads inside one operator; 0 lets ONNX Runtime choose (all cores)
 * @param interOpThreads    threads across operators; 0 lets ONNX Runtime choose
 * @param optimization      graph optimisation level
 * @param encodeChunk       frames per VAE-encoder call (bounds memory for any frame count)
 * @param decodeChunk       frames per VAE-decoder call, unless the bundle fixes it ({@code fixedChunk})
 */
public record OnnxOptions(ExecutionProvider executionProvider, int cudaDevice, int intraOpThreads,
                          int interOpThreads, Optimization optimization, int encodeChunk, int decodeChunk) {

    /** System property selecting the execution provider for models opened through the provider ({@code cuda}). */
    public static final String PROVIDER_PROPERTY = "videoshop.onnx.executionProvider";
    /** System property: intra-op thread count for models opened through the provider. */
    public static final String THREADS_PROPERTY = "videoshop.onnx.intraOpThreads";
    /** System property: CUDA device index for models opened through the provider. */
    public static final String DEVICE_PROPERTY = "videoshop.onnx.cudaDevice";

    /** Where the networks run. */
    public enum ExecutionProvider { CPU, CUDA }

    /** ONNX Runtime's graph optimisation levels. */
    public enum Optimization { NONE, BASIC, EXTENDED, ALL }

    public OnnxOptions {
        if (executionProvider == null) {
            throw new IllegalArgumentException("Expected an execution provider (CPU or CUDA) but found null");
        }
        if (optimization == null) {
            throw new IllegalArgumentException("Expected an optimisation level but found null");
        }
        if (cudaDevice < 0) {
            throw new IllegalArgumentException("Expected cudaDevice >= 0 but found " + cudaDevice);
        }
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("Expected thread counts >= 0 (0 = ONNX Runtime's choice) but found "
                    + "intraOpThreads " + intraOpThreads + ", interOpThreads " + interOpThreads);
        }
        if (encodeChunk < 1 || decodeChunk < 1) {
            throw new IllegalArgumentException("Expected chunk sizes >= 1 but found encodeChunk " + encodeChunk
                    + ", decodeChunk " + decodeChunk);
        }
    }

    /** CPU, ONNX Runtime's threads, all optimisations, chunks of 8 frames. */
    public static OnnxOptions defaults() {
        return builder().build();
    }

    /**
     * The defaults, overridden by {@value #PROVIDER_PROPERTY} ({@code cpu} or {@code cuda}),
     * {@value #THREADS_PROPERTY} and {@value #DEVICE_PROPERTY}; what {@link OnnxModelProvider} uses.
     */
    public static OnnxOptions fromSystemProperties() {
        Builder b = builder();
        String p = System.getProperty(PROVIDER_PROPERTY);
        if (p != null && !p.isBlank()) {
            try {
                b.executionProvider(ExecutionProvider.valueOf(p.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Expected -D" + PROVIDER_PROPERTY + " to be cpu or cuda but found "
                        + p, e);
            }
        }
        b.intraOpThreads(intProperty(THREADS_PROPERTY, 0));
        b.cudaDevice(intProperty(DEVICE_PROPERTY, 0));
        return b.build();
    }

    private static int intProperty(String name, int fallback) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Expected -D" + name + " to be an integer but found " + v, e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder().executionProvider(executionProvider).cudaDevice(cudaDevice)
                .intraOpThreads(intraOpThreads).interOpThreads(interOpThreads).optimization(optimization)
                .encodeChunk(encodeChunk).decodeChunk(decodeChunk);
    }

    /** Builds {@link OnnxOptions}; validation happens in {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private ExecutionProvider executionProvider = ExecutionProvider.CPU;
        private int cudaDevice;
        private int intraOpThreads;
        private int interOpThreads;
        private Optimization optimization = Optimization.ALL;
        private int encodeChunk = 8;
        private int decodeChunk = 8;

        private Builder() {
        }

        public Builder executionProvider(ExecutionProvider v) {
            executionProvider = v;
            return this;
        }

        public Builder cudaDevice(int v) {
            cudaDevice = v;
            return this;
        }

        public Builder intraOpThreads(int v) {
            intraOpThreads = v;
            return this;
        }

        public Builder interOpThreads(int v) {
            interOpThreads = v;
            return this;
        }

        public Builder optimization(Optimization v) {
            optimization = v;
            return this;
        }

        public Builder encodeChunk(int v) {
            encodeChunk = v;
            return this;
        }

        public Builder decodeChunk(int v) {
            decodeChunk = v;
            return this;
        }

        public OnnxOptions build() {
            return new OnnxOptions(executionProvider, cudaDevice, intraOpThreads, interOpThreads, optimization,
                    encodeChunk, decodeChunk);
        }
    }
}
