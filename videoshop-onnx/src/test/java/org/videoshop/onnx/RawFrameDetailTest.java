package org.videoshop.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.videoshop.EditResult;
import org.videoshop.FrameSize;
import org.videoshop.Inverted;
import org.videoshop.OutputMode;
import org.videoshop.ProgressListener;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.WorkingSize;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Images;
import org.videoshop.tensor.Video;

/**
 * The raw-frame API returns the detail output by default, as the image edits do, on the bundled tiny model: at a
 * size the model takes (its 16:9 working size: 40x24 on a 32x32 model, 80x48 on a 64x64 one), an unedited first
 * frame gives the source back (as 8-bit values), a local edit keeps frame 0 exactly and the untouched part of every frame, an {@link Inverted}'s raw edit
 * (reconstruction made once) equals the one-shot edit, and {@link OutputMode#REGENERATE} still gives the model's
 * own output. {@code Videoshop.edit(frames, editedFirst)} on images is detail output too.
 */
class RawFrameDetailTest extends TinyModelFixture {

    static final VideoshopOptions FAST = VideoshopOptions.builder().steps(8).strength(0.5).build();

    static Video video(List<BufferedImage> images) {
        List<Frame> frames = new ArrayList<>();
        for (BufferedImage img : images) {
            frames.add(Images.toFrame(img));
        }
        return Video.of(frames);
    }

    /** The values an 8-bit image of the frame holds. */
    static float[] eightBit(Frame f) {
        return Images.toFrame(Images.toImage(f)).data();
    }

    @Test
    void rawFramesComeBackAsDetailOutputByDefault() {
        FrameSize size = WorkingSize.automatic(160, 90, tiny.spec());
        int w = size.width();
        int h = size.height();
        List<BufferedImage> images = Footage.pan(tiny.spec().nativeFrames() + 2, w, h, 3);
        Video clip = video(images);
        // the top-left corner recoloured; the bottom rows right of the middle stay far from it
        Frame recoloured = Images.toFrame(Footage.recolour(images.get(0), w / 20, h / 12, w * 7 / 20, h / 2));
        int keptFromY = h * 3 / 4;
        int keptFromX = w * 13 / 20;
        try (VideoEditor editor = Videoshop.editor(tiny, FAST)) {
            EditResult same = editor.edit(clip, clip.frame(0));
            assertEquals(OutputMode.DETAIL, same.provenance().options().outputMode());
            for (int t = 0; t < clip.frames(); t++) {
                assertArrayEquals(eightBit(clip.frame(t)), same.video().frame(t).data(),
                        "frame " + t + ": an unedited first frame gives the source back");
            }

            EditResult local = editor.edit(clip, recoloured);
            assertArrayEquals(eightBit(recoloured), local.video().frame(0).data(), "frame 0 is the edited frame");
            int plane = w * h;
            for (int t = 1; t < clip.frames(); t++) {
                float[] out = local.video().frame(t).data();
                float[] src = eightBit(clip.frame(t));
                int kept = 0;
                for (int c = 0; c < 3; c++) {
                    for (int y = keptFromY; y < h; y++) { // the bottom rows, far from the recoloured corner
                        for (int x = keptFromX; x < w; x++) {
                            kept += out[c * plane + y * w + x] == src[c * plane + y * w + x] ? 1 : 0;
                        }
                    }
                }
                assertEquals(3 * (h - keptFromY) * (w - keptFromX), kept,
                        "frame " + t + ": far from the edit the source is kept");
            }

            Inverted inverted = editor.invert(clip, ProgressListener.NONE, null);
            EditResult fromInversion = inverted.edit(recoloured);
            assertArrayEquals(local.video().data(), fromInversion.video().data(),
                    "the reconstruction made once serves the raw edit: the same frames as the one-shot edit");
        }
        try (VideoEditor regenerate = Videoshop.editor(tiny, FAST.toBuilder().outputMode(OutputMode.REGENERATE)
                .build())) {
            EditResult r = regenerate.edit(clip, clip.frame(0));
            assertFalse(java.util.Arrays.equals(eightBit(clip.frame(4)), r.video().frame(4).data()),
                    "regenerate returns the model's output, not the source");
        }
    }

    @Test
    void theOneCallImageEditIsDetailOutput() {
        List<BufferedImage> images = Footage.pan(9, 48, 27, 5);
        List<BufferedImage> out = Videoshop.edit(images, images.get(0)); // the bundled model, default options
        assertEquals(images.size(), out.size());
        for (int t = 0; t < images.size(); t++) {
            assertTrue(Footage.sameRgb(images.get(t), out.get(t)), "frame " + t + " is the source, bit for bit");
        }
    }
}
