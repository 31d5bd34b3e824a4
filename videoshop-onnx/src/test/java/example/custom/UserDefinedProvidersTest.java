package example.custom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.videoshop.EditResult;
import org.videoshop.Inverted;
import org.videoshop.ProgressListener;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.diffusion.Normalizers;
import org.videoshop.diffusion.ScheduleParameters;
import org.videoshop.diffusion.Schedules;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Video;
import org.videoshop.testing.Clips;

/**
 * A schedule and a normalisation defined outside the library (this package, registered in the test
 * {@code META-INF/services}) are found by name and run a real edit of the bundled tiny model through the public API;
 * the provenance records their names and an inversion made with them serves only editors that name them.
 */
class UserDefinedProvidersTest {

    private static VideoshopModel tiny;
    private static Video source;
    private static Frame edited;

    @BeforeAll
    static void open() {
        tiny = VideoshopModel.open("tiny");
        ModelSpec s = tiny.spec();
        source = Clips.discClip(4, s.height(), s.width());
        edited = Clips.recolouredFirst(source);
    }

    @AfterAll
    static void close() {
        tiny.close();
    }

    private static VideoshopOptions.Builder small() {
        return VideoshopOptions.builder().steps(8).strength(0.5).normalize(true);
    }

    private static double largestDifference(Video a, Video b) {
        float[] x = a.data();
        float[] y = b.data();
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            d = Math.max(d, Math.abs(x[i] - y[i]));
        }
        return d;
    }

    @Test
    void theUsersProvidersAreFoundBesideTheBuiltIns() {
        assertEquals(List.of("karras", "exponential", "cosine-log"), Schedules.names());
        assertEquals(List.of("per-channel", "per-frame", "per-video"), Normalizers.names());
    }

    @Test
    void aRealEditRunsTheUsersScheduleAndNormalizationByName() {
        VideoshopOptions custom = small().sigmaSpacing("Cosine-Log").normalization("per-video").build();
        assertEquals("cosine-log", custom.sigmaSpacing(), "kept as the provider spells it");
        ModelSpec spec = tiny.spec();
        double[] expected = new CosineLogSchedule(new ScheduleParameters(8, spec.sigmaMin(), spec.sigmaMax(),
                spec.rho(), 0.5)).sigmas();
        try (VideoEditor byUser = Videoshop.editor(tiny, custom);
             VideoEditor byDefault = Videoshop.editor(tiny, small().build())) {
            EditResult result = byUser.edit(source, edited);
            assertEquals("cosine-log", result.provenance().options().sigmaSpacing());
            assertEquals("per-video", result.provenance().options().normalization());
            assertEquals(Arrays.stream(expected).boxed().toList(), result.provenance().sigmas());
            assertEquals(source.frames(), result.video().frames());
            double diff = largestDifference(result.video(), byDefault.edit(source, edited).video());
            assertTrue(diff > 1e-3, "the user's schedule and normalisation give other frames than the defaults;"
                    + " largest difference " + diff);

            Inverted inverted = byUser.invert(source, ProgressListener.NONE, null);
            assertEquals(0, largestDifference(result.video(), inverted.edit(edited).video()),
                    "an inversion made with the user's providers serves an edit that names them");
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> byDefault.inverted(inverted.plan(), inverted.windows()));
            assertTrue(refused.getMessage().contains("sigmaSpacing=karras")
                    && refused.getMessage().contains("sigmaSpacing=cosine-log")
                    && refused.getMessage().contains("normalization=per-channel")
                    && refused.getMessage().contains("normalization=per-video"), refused.getMessage());
        }
    }

    @Test
    void anUnknownNameIsRefusedBeforeAnyWorkListingTheNamesFound() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> small().sigmaSpacing("cosine").build());
        assertEquals("Expected sigmaSpacing to name a schedule found on the classpath, one of karras, exponential,"
                + " cosine-log, but found 'cosine'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> small().normalization("per_video").build());
        assertEquals("Expected normalization to name a latent normalization found on the classpath, one of"
                + " per-channel, per-frame, per-video, but found 'per_video'", e.getMessage());
    }
}
