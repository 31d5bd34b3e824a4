package org.videoshop.kernel;

import java.nio.FloatBuffer;

/**
 * One latent tensor of a backend: {@link #size()} floats in the backend's own memory (a Java array for {@code java},
 * native memory for {@code nd4j}), created and owned by a {@link LatentScope} and freed when that scope closes. The
 * arithmetic on it is the scope's; {@link #copyTo} and {@link #copyFrom} are host transfers (the scope counts
 * them), {@link #buffer()} is the view the network reads and writes. Used by one thread at a time.
 */
public interface LatentTensor {

    /** Number of floats. */
    int size();

    /** Copies the values into {@code dst} (a host transfer). */
    void copyTo(float[] dst);

    /** Copies {@code src} into this tensor (a host transfer). */
    void copyFrom(float[] src);

    /**
     * The values as a buffer of {@link #size()} floats for the network boundary: a view, not a copy, where the
     * backend's memory is host memory (a heap buffer for {@code java}, a direct buffer over ND4J's native memory on
     * CPU). Valid until the scope closes; writes through it change the tensor.
     */
    FloatBuffer buffer();
}
