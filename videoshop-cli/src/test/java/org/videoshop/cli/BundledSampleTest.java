package org.videoshop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.videoshop.bench.scene.CaseSpec;
import org.videoshop.bench.scene.EditKind;
import org.videoshop.bench.scene.FootageCase;
import org.videoshop.bench.scene.FootageCases;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Images;

/** The demo's bundled sample is the real-photo clip its case.json names, frame for frame. */
class BundledSampleTest {

    @Test
    void theBundledSampleIsTheFootageGeneratorsDemoCase() throws IOException {
        Sample sample = Sample.bundled();
        FootageCase c = FootageCases.make(new CaseSpec(EditKind.RECOLOUR_REGION, 384, 216, 14, 1008));
        assertEquals(14, sample.source().size());
        assertEquals(384, sample.source().width());
        assertEquals(216, sample.source().height());
        for (int t = 0; t < 14; t++) {
            assertEquals(c.source().frame(t), Images.toFrame(sample.source().frames().get(t)), "frame " + t);
        }
        Frame edited = Images.toFrame(sample.editedFirst());
        assertEquals(c.editedFirst(), edited);
    }
}
