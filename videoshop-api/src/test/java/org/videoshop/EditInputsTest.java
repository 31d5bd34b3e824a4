package org.videoshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Mask;
import org.videoshop.tensor.Video;
import org.videoshop.testing.AnalyticModel;
import org.videoshop.testing.Clips;
import org.videoshop.testing.CountingModel;

/** Bad arguments to edit fail with IllegalArgumentException naming expected and found, before any model runs. */
class EditInputsTest {

    private static final List<BufferedImage> CLIP = Clips.movingDisc(4, 16, 16, Color.ORANGE);
    private static final BufferedImage EDITED = Clips.movingDisc(1, 16, 16, Color.GREEN).get(0);
    private static final Video VIDEO = Clips.video(CLIP);
    private static final Frame EDITED_FRAME = VIDEO.frame(0);

    private static Arguments images(String what, String found, List<BufferedImage> frames, BufferedImage edited) {
        return Arguments.of(what, found, (Consumer<VideoEditor>) e -> e.edit(frames, edited));
    }

    private static Arguments raw(String what, String found, Video video, Frame edited) {
        return Arguments.of(what, found, (Consumer<VideoEditor>) e -> e.edit(video, edited));
    }

    private static Video withValue(float value) {
        float[] d = VIDEO.data().clone();
        d[17] = value;
        return new Video(VIDEO.frames(), VIDEO.height(), VIDEO.width(), d);
    }

    static Stream<Arguments> badInputs() {
        List<BufferedImage> withNull = new ArrayList<>(CLIP);
        withNull.set(2, null);
        List<BufferedImage> mixed = new ArrayList<>(CLIP);
        mixed.set(1, Clips.movingDisc(1, 20, 16, Color.RED).get(0));
        return Stream.of(
                images("list of frames", "null", null, EDITED),
                images("at least 2 frames", "found 0", Collections.emptyList(), EDITED),
                images("at least 2 frames", "found 1", CLIP.subList(0, 1), EDITED),
                Arguments.of("a mask of 1 or 4 frames", "found 2", (Consumer<VideoEditor>) e -> e.edit(VIDEO,
                        EDITED_FRAME, new Mask(2, 16, 16, new float[512], 0), ProgressListener.NONE, null)),
                Arguments.of("a mask of 16x16", "found 8x16", (Consumer<VideoEditor>) e -> e.edit(CLIP, EDITED,
                        new Mask(1, 16, 8, new float[128], 0), ProgressListener.NONE, null)),
                images("image at frame 2", "null", withNull, EDITED),
                images("16x16 like frame 0", "frame 1 is 20x16", mixed, EDITED),
                images("edited first frame", "null", CLIP, null),
                images("edited first frame to be 16x16", "found 8x16",
                        CLIP, Clips.movingDisc(1, 8, 16, Color.RED).get(0)),
                raw("a video", "null", null, EDITED_FRAME),
                raw("edited first frame", "null", VIDEO, null),
                raw("at least 2 frames", "found 1", VIDEO.frames(0, 1), EDITED_FRAME),
                raw("edited first frame to be 16x16", "found 12x12",
                        VIDEO, new Frame(12, 12, new float[3 * 144])),
                raw("multiple of the model's downscale factor 4", "found 18x16",
                        new Video(4, 16, 18, new float[4 * 3 * 16 * 18]), new Frame(16, 18, new float[3 * 16 * 18])),
                raw("finite values", "NaN", withValue(Float.NaN), EDITED_FRAME),
                raw("finite values", "Infinity", withValue(Float.POSITIVE_INFINITY), EDITED_FRAME),
                raw("finite values", "-Infinity", withValue(Float.NEGATIVE_INFINITY), EDITED_FRAME),
                raw("in [0, 1]", "1.5", withValue(1.5f), EDITED_FRAME),
                raw("in [0, 1]", "-0.25", withValue(-0.25f), EDITED_FRAME));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("badInputs")
    void badInputFailsBeforeAnyModelRuns(String expected, String found, Consumer<VideoEditor> call) {
        CountingModel model = new CountingModel(new AnalyticModel(4, 16, 16, 4, 1));
        try (VideoEditor editor = Videoshop.editor(model, VideoshopOptions.defaults())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call.accept(editor));
            String m = e.getMessage();
            assertTrue(m.contains("Expected") && m.contains(expected) && m.contains(found),
                    "message should say expected '" + expected + "' and found '" + found + "': " + m);
        }
        assertEquals(0, model.calls(), "no network may run on bad input");
    }

    @Test
    void framesTooLargeForTheHeapAreRefusedWithTheComputedMegabytes() {
        CountingModel model = new CountingModel(new AnalyticModel(4, 16, 16, 4, 1));
        BufferedImage big = new BufferedImage(8000, 8000, BufferedImage.TYPE_BYTE_GRAY);
        List<BufferedImage> frames = Collections.nCopies(60, big);
        try (VideoEditor editor = Videoshop.editor(model, VideoshopOptions.defaults())) {
            // one window held at full resolution, plus the 60 returned frames (4 bytes a pixel)
            long bytes = EditInputs.footprintBytes(editor.plan(60).size(), 8000, 8000, editor.workingSize(8000, 8000),
                    false, model.spec(), editor.options()) + 4L * 8000 * 8000 * 60;
            long mb = (bytes + (1 << 20) - 1) >> 20;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> editor.edit(frames, big));
            assertTrue(e.getMessage().contains("needs about " + mb + " MB (windows of 4 frames of 8000x8000, the"
                    + " model at working size 16x16)"), e.getMessage());
        }
        assertEquals(0, model.calls());
    }

    @Test
    void alphaAndGrayscaleImagesAreConverted() {
        CountingModel model = new CountingModel(new AnalyticModel(4, 16, 16, 4, 1));
        List<BufferedImage> gray = new ArrayList<>();
        for (BufferedImage b : CLIP) {
            BufferedImage g = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
            g.getGraphics().drawImage(b, 0, 0, null);
            gray.add(g);
        }
        BufferedImage alpha = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        alpha.getGraphics().drawImage(EDITED, 0, 0, null);
        try (VideoEditor editor = Videoshop.editor(model, VideoshopOptions.defaults())) {
            assertEquals(4, editor.edit(gray, alpha).size());
        }
    }
}
