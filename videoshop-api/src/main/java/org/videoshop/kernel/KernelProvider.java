package org.videoshop.kernel;

import org.videoshop.spi.NamedProvider;

/**
 * SPI for latent-math backends, registered in {@code META-INF/services/org.videoshop.kernel.KernelProvider}.
 * {@link #create()} is called lazily, once per JVM, by {@link Backends}.
 */
public interface KernelProvider extends NamedProvider {

    /** Creates the kernels; the returned object is shared by every edit in the JVM and must be thread-safe. */
    LatentKernels create();
}
