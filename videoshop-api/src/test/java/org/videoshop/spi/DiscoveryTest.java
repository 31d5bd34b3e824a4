package org.videoshop.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.videoshop.Videoshop;
import org.videoshop.kernel.Backends;
import org.videoshop.kernel.ReferenceKernels;

/** ServiceLoader discovery of backends and model providers, and its error messages. */
class DiscoveryTest {

    @Test
    void referenceBackendIsFoundAndDefault() {
        assertEquals("java", Backends.defaultName());
        assertTrue(Backends.kernels() instanceof ReferenceKernels);
        assertTrue(Backends.kernels("JAVA") == Backends.kernels(), "created once and shared");
    }

    @Test
    void unknownBackendListsTheBackendsFound() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.kernels("cuda9"));
        assertTrue(e.getMessage().contains("'cuda9'") && e.getMessage().contains("java (rank 100)"), e.getMessage());
    }

    @Test
    void systemPropertyOverridesTheRank() {
        String old = System.setProperty(Backends.PROPERTY, "nope");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Backends::kernels);
            assertTrue(e.getMessage().contains("-Dvideoshop.backend"), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(Backends.PROPERTY);
            } else {
                System.setProperty(Backends.PROPERTY, old);
            }
        }
    }

    @Test
    void rankDecidesAndUnavailableProvidersAreSkipped() {
        record P(String name, int rank, boolean isAvailable) implements NamedProvider {
        }
        ProviderRegistry<P> r = new ProviderRegistry<>("thing", "x.thing", "Add a thing.",
                List.of(new P("low", 1, true), new P("high", 9, false), new P("mid", 5, true)));
        assertEquals("mid", r.selectDefault().name());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.select("high"));
        assertTrue(e.getMessage().contains("unavailable"), e.getMessage());
        ProviderRegistry<P> empty = new ProviderRegistry<>("thing", "x.thing", "Add a thing.", List.of());
        IllegalStateException none = assertThrows(IllegalStateException.class, empty::selectDefault);
        assertTrue(none.getMessage().contains("found none") && none.getMessage().contains("Add a thing."),
                none.getMessage());
    }

    @Test
    void staticEditWithoutAModelProviderSaysWhichDependencyToAdd() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Videoshop.edit(List.of(), null));
        assertTrue(e.getMessage().contains("videoshop-onnx"), e.getMessage());
    }
}
