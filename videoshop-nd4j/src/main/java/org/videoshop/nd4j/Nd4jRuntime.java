package org.videoshop.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Whether ND4J and its natives load in this JVM, checked once: a backend class, its native library and one tiny
 * op. Never throws from {@link #isAvailable()}; the reason for a failure is kept for messages.
 */
@SuppressWarnings("try") // scopeOutOfWorkspaces() is a scope guard, never referenced in the body
final class Nd4jRuntime {

    private static volatile String failure;
    private static volatile boolean checked;

    private Nd4jRuntime() {
    }

    /** True when ND4J ops run here. */
    static boolean isAvailable() {
        check();
        return failure == null;
    }

    /** Why ND4J is unavailable, or null when it is available. */
    static String unavailableReason() {
        check();
        return failure;
    }

    /** Throws {@link IllegalStateException} with the reason when ND4J cannot run here. */
    static void requireAvailable() {
        if (!isAvailable()) {
            throw new IllegalStateException("Expected the ND4J natives to load (nd4j-native with its linux-x86_64 "
                    + "classifier and OpenBLAS, or nd4j-cuda with -Pcuda) but found: " + failure);
        }
    }

    /** The name of the ND4J backend in use (e.g. CpuBackend), for messages. */
    static String backendName() {
        return isAvailable() ? Nd4j.getBackend().getClass().getSimpleName() : "none";
    }

    private static synchronized void check() {
        if (checked) {
            return;
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
             INDArray probe = Nd4j.createFromArray(1f, 2f)) {
            probe.muli(2f);
            if (probe.getFloat(1) != 4f || probe.dataType() != DataType.FLOAT) {
                failure = "a probe op returned " + probe + " instead of [2.0, 4.0]";
            }
        } catch (Throwable t) { // LinkageError, ExceptionInInitializerError, "no backend found" RuntimeException
            if (t instanceof VirtualMachineError && !(t instanceof OutOfMemoryError)) {
                throw (VirtualMachineError) t;
            }
            failure = t.getClass().getName() + ": " + t.getMessage();
        }
        checked = true;
    }
}
