package org.videoshop.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.videoshop.EditResult;
import org.videoshop.Inverted;
import org.videoshop.ProgressListener;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Mask;
import org.videoshop.tensor.Video;
import org.videoshop.testing.AnalyticModel;
import org.videoshop.testing.Clips;
import org.videoshop.Windows;

/** Windowed edits of any length, masked edits and invert-once / edit-many, on the analytic model (T = 4). */
class BeyondThePaperTest {

    private final AnalyticModel model = new AnalyticModel(4, 16, 16, 4, 9);
    private final VideoshopOptions options = VideoshopOptions.builder().steps(10).seed(5).build();

    @AfterEach
    void close() {
        model.close();
    }

    @Test
    void windowPlansCoverTheClipWithOverlap() {
        qt().withFixedSeed(51).forAll(integers().between(1, 300), integers().between(1, 24), integers().between(1, 12))
                .checkAssert((n, overlap, extra) -> {
                    int size = overlap + extra;
                    Windows w = Windows.plan(n, size, overlap);
                    assertEquals(0, w.starts().get(0));
                    assertEquals(Math.max(n, size), w.end(w.count() - 1),
                            "last window ends at the clip's end, or at the window's when padded");
                    assertEquals(size, w.size());
                    assertEquals(n < size, w.padded());
                    for (int k = 1; k < w.count(); k++) {
                        assertTrue(w.starts().get(k) > w.starts().get(k - 1), "increasing starts");
                        assertTrue(w.end(k - 1) - w.starts().get(k) >= overlap, "overlap of at least " + overlap);
                    }
                });
    }

    @Test
    void clipsOfAnyLengthComeBackWhole() {
        for (int frames : new int[] {2, 3, 4, 5, 14}) {
            List<BufferedImage> clip = Clips.movingDisc(frames, 16, 16, Color.ORANGE);
            Video video = Clips.video(clip);
            Frame edited = Clips.video(Clips.movingDisc(1, 16, 16, Color.GREEN)).frame(0);
            try (VideoEditor editor = Videoshop.editor(model, options)) {
                EditResult r = editor.edit(video, edited);
                assertEquals(frames, r.video().frames());
                assertEquals(frames, r.provenance().frames());
                for (float v : r.video().data()) {
                    assertTrue(Float.isFinite(v));
                }
            }
        }
    }

    @Test
    void invertOnceThenEditGivesExactlyTheFullEdit() {
        List<BufferedImage> clip = Clips.movingDisc(10, 16, 16, Color.ORANGE);
        BufferedImage edited = Clips.movingDisc(1, 16, 16, Color.GREEN).get(0);
        try (VideoEditor editor = Videoshop.editor(model, options)) {
            List<BufferedImage> full = editor.edit(clip, edited);
            Inverted inverted = editor.invert(clip, ProgressListener.NONE, null);
            assertEquals(editor.plan(10).count(), inverted.windows().size());
            for (int repeat = 0; repeat < 2; repeat++) {
                List<BufferedImage> again = inverted.edit(edited);
                for (int t = 0; t < full.size(); t++) {
                    assertArrayEquals(full.get(t).getRGB(0, 0, 16, 16, null, 0, 16),
                            again.get(t).getRGB(0, 0, 16, 16, null, 0, 16), "frame " + t);
                }
            }
        }
    }

    @Test
    void outsideTheMaskBeyondTheFeatherTheOutputIsTheSourceExactly() {
        int w = 40;
        int h = 32;
        List<BufferedImage> clip = Clips.movingDisc(6, w, h, Color.ORANGE);
        BufferedImage edited = Clips.movingDisc(1, w, h, Color.GREEN).get(0);
        float[] m = new float[w * h];
        for (int y = 8; y < 20; y++) {
            for (int x = 4; x < 24; x++) {
                m[y * w + x] = 1f;
            }
        }
        Mask mask = new Mask(1, h, w, m, 3);
        float[] feathered = mask.feathered(0);
        // the analytic model takes its own 16x16 only; the working size says so
        try (VideoEditor editor = Videoshop.editor(model, options.toBuilder().workingSize(16, 16).build())) {
            List<BufferedImage> out = editor.edit(clip, edited, mask, ProgressListener.NONE, null);
            int changedInside = 0;
            for (int t = 0; t < clip.size(); t++) {
                int[] src = clip.get(t).getRGB(0, 0, w, h, null, 0, w);
                int[] res = out.get(t).getRGB(0, 0, w, h, null, 0, w);
                for (int i = 0; i < src.length; i++) {
                    if (feathered[i] == 0f) {
                        assertEquals(src[i], res[i], "pixel " + i + " of frame " + t + " lies outside the mask");
                    } else if (m[i] == 1f && src[i] != res[i]) {
                        changedInside++;
                    }
                }
            }
            assertTrue(changedInside > 0, "the edit must change something inside the mask");
        }
    }

    @Test
    void maskOfTheWrongSizeIsRejected() {
        List<BufferedImage> clip = Clips.movingDisc(4, 16, 16, Color.ORANGE);
        try (VideoEditor editor = Videoshop.editor(model, options)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> editor.edit(clip,
                    clip.get(0), new Mask(1, 8, 8, new float[64], 0), ProgressListener.NONE, null));
            assertTrue(e.getMessage().contains("Expected a mask of 16x16") && e.getMessage().contains("8x8"),
                    e.getMessage());
        }
    }
}
