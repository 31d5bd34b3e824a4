package org.videoshop.spi;

/**
 * A service found through {@link java.util.ServiceLoader}: a name users can ask for, and a rank that decides the
 * default when they do not (highest wins; ties go to the alphabetically first name).
 */
public interface NamedProvider {

    /** The name a user selects this provider by (lower case, no spaces). */
    String name();

    /** Preference when no name is requested: higher wins. */
    int rank();

    /** Whether this provider can work in this JVM (natives present, device found). Unavailable ones are skipped. */
    default boolean isAvailable() {
        return true;
    }
}
