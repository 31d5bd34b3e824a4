package org.videoshop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.videoshop.FrameSize;
import org.videoshop.ListFrames;
import org.videoshop.OutputMode;
import org.videoshop.ProgressListener;
import org.videoshop.Provenance;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;

/**
 * Detail mode on the bundled tiny model at the clip's own aspect: the source comes back bit for bit where the edit
 * changed nothing, frame 0 is the edited frame exactly, and 16:9 and 9:16 clips run at aspect-true working sizes.
 */
class DetailOutputTest extends TinyModelFixture {

    static final VideoshopOptions FAST = VideoshopOptions.builder().steps(8).strength(0.5).build();

    static List<BufferedImage> edit(VideoEditor editor, List<BufferedImage> clip, BufferedImage edited,
                                    Provenance[] provenance) {
        List<BufferedImage> out = new ArrayList<>(Collections.nCopies(clip.size(), null));
        try (ListFrames source = new ListFrames(clip)) {
            provenance[0] = editor.edit(source, edited, null, out::set, ProgressListener.NONE, null);
        }
        return out;
    }

    @Test
    void anUneditedFirstFrameGivesTheSourceBackBitForBitAtAWideWorkingSize() {
        List<BufferedImage> clip = Footage.pan(10, 96, 54, 1);
        Provenance[] p = new Provenance[1];
        try (VideoEditor editor = Videoshop.editor(tiny, FAST)) {
            List<BufferedImage> out = edit(editor, clip, clip.get(0), p);
            assertEquals(new FrameSize(40, 24), editor.workingSize(96, 54));
            assertEquals(40, p[0].width(), "16:9 runs at 40x24 on the 32x32 model, not squashed to 32x32");
            assertEquals(24, p[0].height());
            assertEquals(new FrameSize(40, 24), p[0].options().workingSize(), "provenance records the size");
            assertEquals(OutputMode.DETAIL, p[0].options().outputMode());
            for (int t = 0; t < clip.size(); t++) {
                assertTrue(Footage.sameRgb(clip.get(t), out.get(t)), "frame " + t + " (2 windows) is the source");
            }
        }
        try (VideoEditor regenerate = Videoshop.editor(tiny, FAST.toBuilder().outputMode(OutputMode.REGENERATE)
                .build())) {
            List<BufferedImage> out = regenerate.edit(clip, clip.get(0));
            assertFalse(Footage.sameRgb(clip.get(3), out.get(3)), "the model's regeneration is not the source");
        }
    }

    @Test
    void aLocalEditKeepsFrameZeroExactlyAndTheUntouchedRestAtATallWorkingSize() {
        List<BufferedImage> clip = Footage.pan(8, 54, 96, 2);
        BufferedImage edited = Footage.recolour(clip.get(0), 0, 60, 54, 96);
        Provenance[] p = new Provenance[1];
        try (VideoEditor editor = Videoshop.editor(tiny, FAST)) {
            List<BufferedImage> out = edit(editor, clip, edited, p);
            assertEquals(24, p[0].width(), "9:16 runs at 24x40");
            assertEquals(40, p[0].height());
            assertTrue(Footage.sameRgb(edited, out.get(0)), "frame 0 is the edited frame exactly");
            boolean propagated = false;
            for (int t = 1; t < clip.size(); t++) {
                double same = Footage.sameFraction(clip.get(t), out.get(t));
                assertTrue(same > 0.2, "frame " + t + ": the source is kept outside the edit region, found only "
                        + same + " of the pixels unchanged");
                propagated |= same < 0.9;
            }
            assertTrue(propagated, "the edit reaches later frames");
        }
    }
}
