package org.videoshop.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.kernel.Backends;
import org.videoshop.kernel.KernelProvider;
import org.videoshop.testing.AnalyticModel;

/** ServiceLoader registration, default choice, and the failure for a backend that is not on the classpath. */
class BackendSelectionTest {

    @BeforeAll
    static void needsNd4j() {
        Nd4jTests.requireNd4j();
    }

    @Test
    void nd4jIsRegisteredAvailableAndRankedBelowJava() {
        List<String> names = Backends.providers().stream().map(KernelProvider::name).toList();
        assertEquals(List.of("java", "nd4j"), names, "best rank first");
        KernelProvider nd4j = Backends.providers().get(1);
        assertTrue(nd4j.isAvailable(), "ND4J natives should load here: " + Nd4jRuntime.unavailableReason());
        assertTrue(nd4j.rank() < 100);
        assertInstanceOf(Nd4jKernels.class, Backends.kernels("nd4j"));
        assertEquals("nd4j", Backends.kernels("ND4J").name(), "names are case-insensitive");
        if (System.getProperty(Backends.PROPERTY) == null) {
            assertEquals("java", Backends.defaultName());
        }
    }

    @Test
    void unknownBackendFailsListingTheOnesFound() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backends.kernels("cuda-nope"));
        assertTrue(e.getMessage().contains("cuda-nope"), e.getMessage());
        assertTrue(e.getMessage().contains("java (rank 100)"), e.getMessage());
        assertTrue(e.getMessage().contains("nd4j (rank 50)"), e.getMessage());

        try (AnalyticModel model = new AnalyticModel(2, 8, 8, 4, 1)) {
            VideoshopOptions options = VideoshopOptions.builder().backend("cuda-nope").build();
            IllegalArgumentException viaOptions = assertThrows(IllegalArgumentException.class,
                    () -> Videoshop.editor(model, options));
            assertTrue(viaOptions.getMessage().contains("nd4j"), viaOptions.getMessage());
        }
    }

    @Test
    void unknownBackendFromThePropertyFailsToo() {
        String old = System.getProperty(Backends.PROPERTY);
        System.setProperty(Backends.PROPERTY, "cuda-nope");
        try (AnalyticModel model = new AnalyticModel(2, 8, 8, 4, 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Videoshop.editor(model, VideoshopOptions.defaults()));
            assertTrue(e.getMessage().contains("-Dvideoshop.backend"), e.getMessage());
            assertTrue(e.getMessage().contains("java") && e.getMessage().contains("nd4j"), e.getMessage());
        } finally {
            restore(old);
        }
    }

    static void restore(String old) {
        if (old == null) {
            System.clearProperty(Backends.PROPERTY);
        } else {
            System.setProperty(Backends.PROPERTY, old);
        }
    }
}
