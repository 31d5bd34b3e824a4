package org.videoshop.nd4j;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Assertions;

/**
 * Whether ND4J tests can run. On the default CPU build the natives must load (a failure is a real failure); under
 * {@code -Pcuda} (which sets {@value #GPU_PROPERTY}) a machine without a usable GPU skips them by assumption.
 */
final class Nd4jTests {

    /** Set to true by the cuda profile's surefire configuration. */
    static final String GPU_PROPERTY = "videoshop.nd4j.gpu";

    private Nd4jTests() {
    }

    /** Fails (CPU build) or skips (CUDA build) unless ND4J ops run here. */
    static void requireNd4j() {
        if (Boolean.getBoolean(GPU_PROPERTY)) {
            assumeTrue(Nd4jRuntime.isAvailable(), "no usable CUDA device: " + Nd4jRuntime.unavailableReason());
        } else {
            Assertions.assertTrue(Nd4jRuntime.isAvailable(), "ND4J CPU natives should load: "
                    + Nd4jRuntime.unavailableReason());
        }
    }

    private static Nd4jKernels shared;

    /**
     * The kernels the test classes share (made on first use after {@link #requireNd4j()}; like the instance
     * {@code Backends} keeps, it lives as long as the test JVM).
     */
    static synchronized Nd4jKernels kernels() {
        requireNd4j();
        if (shared == null) {
            shared = new Nd4jKernels();
        }
        return shared;
    }

    /** Skips unless ND4J runs on a CUDA device. */
    static void assumeCuda() {
        assumeTrue(Nd4jRuntime.isAvailable() && Nd4jRuntime.backendName().toLowerCase().contains("cublas"),
                "needs the CUDA backend (-Pcuda) and a GPU; backend here: " + Nd4jRuntime.backendName());
    }
}
