package org.videoshop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.videoshop.FrameSink;
import org.videoshop.Inverted;
import org.videoshop.ListFrames;
import org.videoshop.ProgressListener;
import org.videoshop.Provenance;
import org.videoshop.Stage;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.Windows;

/**
 * The streaming edit on the bundled tiny model: window by window, never holding more than one window of frames,
 * equal to the list edit; and an inversion that computes detail mode's reconstruction once for every edit.
 */
class StreamingEditTest extends TinyModelFixture {

    @Test
    void aStreamingEditEqualsTheListEditAndHoldsOneWindowOfFramesAtATime() {
        int window = tiny.spec().nativeFrames();
        List<BufferedImage> clip = Footage.pan(2 * window, 64, 36, 3);
        BufferedImage edited = Footage.recolour(clip.get(0), 0, 0, 30, 18);
        List<BufferedImage> streamed = new ArrayList<>(Collections.nCopies(clip.size(), null));
        AtomicInteger written = new AtomicInteger();
        int[] mostHeld = {0};
        try (VideoEditor editor = Videoshop.editor(tiny, DetailOutputTest.FAST);
             ListFrames source = new ListFrames(clip)) {
            Windows plan = editor.plan(clip.size());
            assertEquals(3, plan.count(), 2 * window + " frames are 3 windows of " + window + " overlapping");
            FrameSink sink = (index, frame) -> {
                assertEquals(written.get(), index, "frames arrive in order");
                mostHeld[0] = Math.max(mostHeld[0], source.framesRead() - written.get());
                streamed.set(index, frame);
                written.incrementAndGet();
            };
            Provenance p = editor.edit(source, edited, null, sink, ProgressListener.NONE, null);
            assertEquals(clip.size(), written.get());
            assertEquals(clip.size(), p.frames());
            assertTrue(mostHeld[0] <= plan.size(), "at most one window (" + plan.size() + " frames) read and not yet"
                    + " written, found " + mostHeld[0]);
            assertTrue(mostHeld[0] < clip.size(), "frames were written before the clip was read to its end");
            assertTrue(p.stageNanos().containsKey(Stage.READ) && p.stageNanos().containsKey(Stage.WRITE));
            List<BufferedImage> listed = editor.edit(clip, edited);
            for (int t = 0; t < clip.size(); t++) {
                assertTrue(Footage.sameRgb(listed.get(t), streamed.get(t)), "frame " + t);
            }
        }
    }

    @Test
    void oneInversionComputesItsReconstructionOnceForEveryEdit() {
        List<BufferedImage> clip = Footage.pan(tiny.spec().nativeFrames() + 2, 64, 36, 4);
        BufferedImage first = Footage.recolour(clip.get(0), 0, 0, 30, 18);
        BufferedImage second = Footage.recolour(clip.get(0), 34, 18, 64, 36);
        int[] reconstructions = {0};
        ProgressListener count = (stage, step, total) -> {
            if (stage == Stage.RECONSTRUCT && step == 0) {
                reconstructions[0]++;
            }
        };
        try (VideoEditor editor = Videoshop.editor(tiny, DetailOutputTest.FAST)) {
            Inverted inverted = editor.invert(clip, count, null);
            assertEquals(2, inverted.windows().size());
            assertEquals(2, reconstructions[0], "one reconstruction per window, made with the inversion");
            List<BufferedImage> a = inverted.edit(first, null, count, null);
            List<BufferedImage> b = inverted.edit(second, null, count, null);
            assertEquals(2, reconstructions[0], "edits reuse the reconstruction");
            List<BufferedImage> directA = editor.edit(clip, first);
            List<BufferedImage> directB = editor.edit(clip, second);
            for (int t = 0; t < clip.size(); t++) {
                assertTrue(Footage.sameRgb(directA.get(t), a.get(t)), "invert-once equals a direct edit, frame " + t);
                assertTrue(Footage.sameRgb(directB.get(t), b.get(t)), "second edit, frame " + t);
            }
        }
    }
}
