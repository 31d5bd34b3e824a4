package org.videoshop.diffusion;

import java.util.List;
import java.util.Optional;
import org.videoshop.kernel.LatentKernels;
import org.videoshop.spi.ProviderRegistry;

/**
 * The {@link NormalizerProvider}s found once by ServiceLoader, chosen by name ({@code VideoshopOptions.normalization}).
 * Providers are created by ServiceLoader when this class is first used; normalisers when an editor is made.
 */
public final class Normalizers {

    /** The normalisation an edit uses unless its options name another: per channel, the paper's. */
    public static final String DEFAULT = "per-channel";

    private static final ProviderRegistry<NormalizerProvider> REGISTRY = new ProviderRegistry<>(
            NormalizerProvider.class, "latent normalization", null, "Register a NormalizerProvider in"
            + " META-INF/services/" + NormalizerProvider.class.getName() + " (or a module's provides) to add one.");

    private Normalizers() {
    }

    /** Every normaliser provider found, best rank first. */
    public static List<NormalizerProvider> providers() {
        return REGISTRY.all();
    }

    /** The names of the providers found, best rank first: what {@code normalization} accepts. */
    public static List<String> names() {
        return REGISTRY.all().stream().map(NormalizerProvider::name).toList();
    }

    /** The provider of that name (any case), if one was found. */
    public static Optional<NormalizerProvider> find(String name) {
        return REGISTRY.find(name);
    }

    /** The provider of that name; fails listing the names found. */
    public static NormalizerProvider provider(String name) {
        return REGISTRY.select(name);
    }

    /** A new normaliser of the provider named {@code name} on {@code kernels}' backend, owned by the caller. */
    public static LatentNormalizer create(String name, LatentKernels kernels) {
        if (kernels == null) {
            throw new IllegalArgumentException("Expected latent kernels but found null");
        }
        NormalizerProvider provider = provider(name);
        LatentNormalizer normalizer = provider.create(kernels);
        if (normalizer == null) {
            throw new IllegalStateException("Expected normalization provider '" + provider.name()
                    + "' to return a normalizer but found null");
        }
        return normalizer;
    }
}
