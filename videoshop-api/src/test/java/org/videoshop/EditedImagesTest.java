package org.videoshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.videoshop.testing.AnalyticModel;
import org.videoshop.testing.Clips;

/** {@link VideoEditor#editImages}: the frames of {@code edit} with the provenance of the edit. */
class EditedImagesTest {

    @Test
    void editImagesGivesTheFramesOfEditAndTheirProvenance() {
        List<BufferedImage> clip = Clips.movingDisc(6, 16, 16, Color.ORANGE);
        BufferedImage edited = Clips.movingDisc(1, 16, 16, Color.GREEN).get(0);
        VideoshopOptions options = VideoshopOptions.builder().steps(8).seed(5).build();
        try (AnalyticModel model = new AnalyticModel(4, 16, 16, 4, 9);
             VideoEditor editor = Videoshop.editor(model, options)) {
            List<BufferedImage> plain = editor.edit(clip, edited);
            EditedImages withProvenance = editor.editImages(clip, edited, null, ProgressListener.NONE, null);
            assertEquals(plain.size(), withProvenance.frames().size());
            for (int i = 0; i < plain.size(); i++) {
                assertEquals(16, withProvenance.frames().get(i).getWidth());
                for (int y = 0; y < 16; y++) {
                    for (int x = 0; x < 16; x++) {
                        assertEquals(plain.get(i).getRGB(x, y), withProvenance.frames().get(i).getRGB(x, y));
                    }
                }
            }
            Provenance p = withProvenance.provenance();
            assertEquals(5, p.options().seed());
            assertEquals(6, p.frames());
            assertTrue(p.totalNanos() > 0);
            assertThrows(UnsupportedOperationException.class, () -> withProvenance.frames().clear());
        }
    }

    @Test
    void refusesMissingParts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EditedImages(List.of(), null));
        assertTrue(e.getMessage().contains("Expected at least one edited frame but found none"), e.getMessage());
    }
}
