package org.videoshop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
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

    /**
     * A working size true to a {@code w} x {@code h} clip's aspect on whatever model is bundled: each side a multiple
     * of the model's size multiple, the aspect within one multiple, about the model's native pixel count, and not
     * the model's own (square) shape.
     */
    static void assertAspectTrue(FrameSize size, int w, int h) {
        int m = tiny.spec().sizeMultiple();
        String what = size + " for a " + w + "x" + h + " clip on the " + tiny.spec().width() + "x"
                + tiny.spec().height() + " model (multiple " + m + ")";
        assertEquals(0, size.width() % m, what);
        assertEquals(0, size.height() % m, what);
        assertTrue(Math.abs(size.width() - size.height() * (double) w / h) <= m, "aspect kept: " + what);
        double area = (double) size.width() * size.height() / (tiny.spec().width() * tiny.spec().height());
        assertTrue(area > 0.5 && area < 2, "about the native pixel count: " + what);
        assertTrue((size.width() > size.height()) == (w > h), "not squashed to the model's shape: " + what);
    }

    @Test
    void anUneditedFirstFrameGivesTheSourceBackBitForBitAtAWideWorkingSize() {
        List<BufferedImage> clip = Footage.pan(tiny.spec().nativeFrames() + 2, 96, 54, 1);
        Provenance[] p = new Provenance[1];
        try (VideoEditor editor = Videoshop.editor(tiny, FAST)) {
            List<BufferedImage> out = edit(editor, clip, clip.get(0), p);
            FrameSize wide = editor.workingSize(96, 54);
            assertAspectTrue(wide, 96, 54);
            assertEquals(wide.width(), p[0].width(), "16:9 runs at " + wide + ", not squashed to the model's square");
            assertEquals(wide.height(), p[0].height());
            assertEquals(wide, p[0].options().workingSize(), "provenance records the size");
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
        // the default 25 steps: at FAST's 8 a model trained on photographs (tiny v2) carries this recolour weakly
        try (VideoEditor editor = Videoshop.editor(tiny, FAST.toBuilder().steps(25).build())) {
            List<BufferedImage> out = edit(editor, clip, edited, p);
            FrameSize tall = editor.workingSize(54, 96);
            assertAspectTrue(tall, 54, 96);
            assertEquals(tall.width(), p[0].width(), "9:16 runs at " + tall);
            assertEquals(tall.height(), p[0].height());
            assertTrue(Footage.sameRgb(edited, out.get(0)), "frame 0 is the edited frame exactly");
            boolean propagated = false;
            StringBuilder fractions = new StringBuilder();
            for (int t = 1; t < clip.size(); t++) {
                double same = Footage.sameFraction(clip.get(t), out.get(t));
                fractions.append(String.format(Locale.ROOT, " %.3f", same));
                assertTrue(same > 0.2, "frame " + t + ": the source is kept outside the edit region, found only "
                        + same + " of the pixels unchanged");
                propagated |= same < 0.9;
            }
            assertTrue(propagated, "the edit reaches later frames; unchanged fraction per frame:" + fractions);
        }
    }
}
