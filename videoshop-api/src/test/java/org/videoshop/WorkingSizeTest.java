package org.videoshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.videoshop.diffusion.Preconditioning;
import org.videoshop.model.ModelSpec;
import org.videoshop.testing.AnalyticModel;
import org.videoshop.testing.CountingModel;

/** The working size: the clip's aspect at about the model's pixel count, never squashed; overrides checked. */
class WorkingSizeTest {

    /** SVD's shape: 1024x576 native, downscale 8, size multiple 64. */
    private static final ModelSpec SVD = new ModelSpec("svd", "v", 4, 8, 0.18215, true, 14, 25, 1024, 576,
            Preconditioning.SVD, 0.002, 700, 7, 7, 127, 0.02, 1024, 64);
    /** The bundled tiny model's shape: 32x32, downscale 2, size multiple 8. */
    private static final ModelSpec TINY = new ModelSpec("tiny", "v", 4, 2, 1.88, true, 8, 64, 32, 32,
            Preconditioning.SVD, 0.002, 700, 7, 7, 127, 0.02, 64, 8);

    @Test
    void wideAndTallClipsKeepTheirAspect() {
        assertEquals(new FrameSize(1024, 576), WorkingSize.automatic(1920, 1080, SVD));
        assertEquals(new FrameSize(576, 1024), WorkingSize.automatic(1080, 1920, SVD));
        assertEquals(new FrameSize(1024, 576), WorkingSize.automatic(640, 360, SVD));
        assertEquals(new FrameSize(40, 24), WorkingSize.automatic(1920, 1080, TINY));
        assertEquals(new FrameSize(24, 40), WorkingSize.automatic(1080, 1920, TINY));
        assertEquals(new FrameSize(32, 32), WorkingSize.automatic(500, 500, TINY));
    }

    @Test
    void everyAutomaticSizeIsAMultipleNearTheModelsPixelCountAndAspect() {
        qt().withFixedSeed(13).forAll(integers().between(16, 4000), integers().between(16, 4000))
                .checkAssert((w, h) -> {
                    FrameSize s = WorkingSize.automatic(w, h, SVD);
                    assertEquals(0, s.width() % 64, s.toString());
                    assertEquals(0, s.height() % 64, s.toString());
                    double aspect = (double) w / h;
                    if (aspect > 0.25 && aspect < 4) {
                        double found = (double) s.width() / s.height();
                        assertTrue(Math.abs(Math.log(found / aspect)) < 0.2, w + "x" + h + " -> " + s);
                        assertTrue(Math.abs(Math.log(s.pixels() / (1024.0 * 576))) < 0.5, w + "x" + h + " -> " + s);
                    }
                });
    }

    @Test
    void aWorkingSizeThatIsNotAMultipleIsRefusedWhenTheEditorIsMade() {
        CountingModel model = new CountingModel(new AnalyticModel(4, 16, 16, 4, 1));
        VideoshopOptions odd = VideoshopOptions.builder().workingSize(18, 16).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Videoshop.editor(model, odd));
        assertTrue(e.getMessage().startsWith("Expected a working size whose sides are multiples of 4")
                && e.getMessage().contains("but found 18x16"), e.getMessage());
        assertEquals(0, model.calls());
    }

    @Test
    void aWorkingSizeTooLargeForMemoryIsRefusedBeforeAnyNetworkRuns() {
        CountingModel model = new CountingModel(new AnalyticModel(4, 16, 16, 4, 1));
        VideoshopOptions huge = VideoshopOptions.builder().workingSize(16384, 16384).build();
        List<BufferedImage> frames = Collections.nCopies(4, new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB));
        try (VideoEditor editor = Videoshop.editor(model, huge)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> editor.edit(frames, frames.get(0)));
            String m = e.getMessage();
            assertTrue(m.startsWith("Expected ") && m.contains("16384x16384"), m);
        }
        assertEquals(0, model.calls(), "nothing ran");
    }

    @Test
    void sizesParseAndPrintAsWidthByHeight() {
        assertEquals(new FrameSize(1024, 576), FrameSize.parse(" 1024X576 "));
        assertEquals("40x24", new FrameSize(40, 24).toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrameSize.parse("1024"));
        assertTrue(e.getMessage().contains("Expected a size WIDTHxHEIGHT") && e.getMessage().contains("'1024'"));
        assertThrows(IllegalArgumentException.class, () -> new FrameSize(0, 5));
    }
}
