package org.videoshop.kernel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.videoshop.spi.ProviderRegistry;

/**
 * Finds latent-math backends once by ServiceLoader. The default is the available backend of highest rank unless
 * the system property {@value #PROPERTY} names another. Kernels are created lazily, once per backend, and shared.
 */
public final class Backends {

    /** System property naming the backend to use, e.g. {@code -Dvideoshop.backend=nd4j}. */
    public static final String PROPERTY = "videoshop.backend";

    private static final ProviderRegistry<KernelProvider> REGISTRY = new ProviderRegistry<>(KernelProvider.class,
            "latent backend", PROPERTY, "Add videoshop-api (backend 'java') or videoshop-nd4j (backend 'nd4j').");
    private static final Map<String, LatentKernels> CREATED = new ConcurrentHashMap<>();

    private Backends() {
    }

    /** The default backend's kernels. */
    public static LatentKernels kernels() {
        return create(REGISTRY.selectDefault());
    }

    /** The kernels of the backend with that name; fails listing the names found when absent. */
    public static LatentKernels kernels(String name) {
        return create(REGISTRY.select(name));
    }

    /** Name of the backend {@link #kernels()} would use. */
    public static String defaultName() {
        return REGISTRY.selectDefault().name();
    }

    /** Every backend found on the classpath, best rank first. */
    public static List<KernelProvider> providers() {
        return REGISTRY.all();
    }

    /** A one-line listing of the backends found. */
    public static String describe() {
        return REGISTRY.describe();
    }

    private static LatentKernels create(KernelProvider p) {
        return CREATED.computeIfAbsent(p.name(), n -> p.create());
    }
}
