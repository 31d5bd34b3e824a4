package org.videoshop.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The providers of one SPI, found once by {@link ServiceLoader} and chosen by name or rank. A system property
 * overrides the rank-based default; an unknown or unavailable name fails with a message listing what was found.
 * Thread-safe; the provider list is immutable after construction.
 *
 * @param <P> the provider type
 */
public final class ProviderRegistry<P extends NamedProvider> {

    private final String kind;
    private final String property;
    private final String hint;
    private final List<P> providers;

    /**
     * @param type     the SPI interface
     * @param kind     what the providers provide, for messages ("latent backend")
     * @param property the system property that names the one to use, or null when none does
     * @param hint     what to add to the classpath when nothing is found
     */
    public ProviderRegistry(Class<P> type, String kind, String property, String hint) {
        this(kind, property, hint, load(type));
    }

    /** A registry over an explicit list (tests, or callers that build their own). */
    public ProviderRegistry(String kind, String property, String hint, List<P> found) {
        this.kind = kind;
        this.property = property;
        this.hint = hint;
        List<P> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt((P p) -> -p.rank()).thenComparing(NamedProvider::name));
        this.providers = List.copyOf(sorted);
    }

    private static <P> List<P> load(Class<P> type) {
        List<P> out = new ArrayList<>();
        try {
            for (P p : ServiceLoader.load(type, ProviderRegistry.class.getClassLoader())) {
                out.add(p);
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("A " + type.getSimpleName() + " on the classpath failed to load: "
                    + e.getMessage(), e);
        }
        return out;
    }

    /** Every provider found, best rank first. */
    public List<P> all() {
        return providers;
    }

    /** The provider of that name (any case) if one was found, available or not; unlike {@link #select}, never fails. */
    public Optional<P> find(String name) {
        return name == null ? Optional.empty()
                : providers.stream().filter(p -> p.name().equalsIgnoreCase(name.trim())).findFirst();
    }

    /** Names of the providers found, with "(unavailable)" after those that cannot run here. */
    public String describe() {
        if (providers.isEmpty()) {
            return "none";
        }
        return providers.stream()
                .map(p -> p.name() + " (rank " + p.rank() + (p.isAvailable() ? ")" : ", unavailable)"))
                .collect(Collectors.joining(", "));
    }

    /** The provider named by the system property if it is set, else the available one of highest rank. */
    public P selectDefault() {
        String requested = property == null ? null : System.getProperty(property);
        if (requested != null && !requested.isBlank()) {
            return select(requested.trim());
        }
        for (P p : providers) {
            if (p.isAvailable()) {
                return p;
            }
        }
        throw new IllegalStateException("Expected at least one available " + kind + " on the classpath but found "
                + describe() + ". " + hint);
    }

    /** The provider of that name; fails listing the names found when there is none or it cannot run here. */
    public P select(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Expected a " + kind + " name but found "
                    + (name == null ? "null" : "a blank string"));
        }
        for (P p : providers) {
            if (p.name().equalsIgnoreCase(name)) {
                if (!p.isAvailable()) {
                    throw new IllegalStateException("Expected " + kind + " '" + name
                            + "' to be available but it cannot run in this JVM; found: " + describe());
                }
                return p;
            }
        }
        throw new IllegalArgumentException("Expected a " + kind + " named '" + name + "' ("
                + (property == null ? "" : "from -D" + property + " or ") + "the options) but found only: "
                + describe() + ". " + hint);
    }
}
