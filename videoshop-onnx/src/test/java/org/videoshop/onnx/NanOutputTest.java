package org.videoshop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.ProgressListener;
import org.videoshop.Stage;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.model.VideoshopModel;
import org.videoshop.tensor.Video;
import org.videoshop.testing.Clips;

/**
 * A bundle whose UNet outputs NaN (random-tiny with {@code broken/nan_unet.onnx}, made by
 * {@code scripts/fixtures/make_nan_unet.py}: finite while c_noise <= 0, i.e. sigma <= 1, NaN above): the edit fails
 * right after the first step whose output is not finite, naming that step and stage; the failed edit leaves no
 * workspace checked out and no session open once the model is closed.
 */
class NanOutputTest {

    @TempDir
    Path tmp;

    private Path nanBundle() throws IOException {
        Path b = TestBundles.copy(TestBundles.RANDOM_TINY, tmp);
        Files.copy(TestBundles.resource("broken/nan_unet.onnx"), b.resolve("unet.onnx"),
                StandardCopyOption.REPLACE_EXISTING);
        return b;
    }

    /** The inversion step (1-based) whose network input level is the first above sigma 1. */
    private static int firstStepAboveSigmaOne(double[] sigmas) {
        int steps = sigmas.length - 1;
        for (int k = 0; k < steps; k++) {
            if (sigmas[steps - k - 1] > 1) {
                return k + 1;
            }
        }
        throw new AssertionError("no kept sigma above 1");
    }

    @Test
    void aNanUnetFailsTheEditAtTheStepThatProducedIt() throws IOException {
        int sessionsBefore = OnnxNetwork.OPEN_SESSIONS.get();
        VideoshopOptions options = VideoshopOptions.builder().steps(12).strength(0.8).seed(1).build();
        OnnxModel model = (OnnxModel) VideoshopModel.open(nanBundle());
        try {
            int expectedStep = firstStepAboveSigmaOne(options.schedule(model.spec()).sigmas());
            assertTrue(expectedStep > 1, "the test needs finite steps before the NaN one: " + expectedStep);
            List<String> done = new ArrayList<>();
            ProgressListener listener = (stage, step, total) -> done.add(stage + " " + step);
            Video clip = Clips.discClip(3, 32, 32);
            try (VideoEditor editor = Videoshop.editor(model, options)) {
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> editor.edit(clip, Clips.recolouredFirst(clip), listener, null));
                String m = e.getMessage();
                assertTrue(m.contains("Expected finite denoiser output at step " + expectedStep + " of INVERT")
                        && m.contains("but found NaN"), m);
            }
            assertTrue(done.contains(Stage.INVERT + " " + (expectedStep - 1)), "steps before it completed: " + done);
            assertTrue(!done.contains(Stage.INVERT + " " + expectedStep), "the NaN step is not reported done");
            assertEquals(1, model.idleWorkspaces(NetworkKind.UNET), "the UNet's workspace was given back");
        } finally {
            model.close();
        }
        assertEquals(sessionsBefore, OnnxNetwork.OPEN_SESSIONS.get(), "sessions left open");
    }

    @Test
    void belowTheNanLevelTheSameModelEditsNormally() throws IOException {
        // strength 0.2 of 10 steps keeps two levels, both below sigma 1: every UNet output is finite.
        VideoshopOptions low = VideoshopOptions.builder().steps(10).strength(0.2).seed(1).build();
        try (OnnxModel model = OnnxModel.open(nanBundle()); VideoEditor editor = Videoshop.editor(model, low)) {
            double[] sigmas = low.schedule(model.spec()).sigmas();
            assertTrue(sigmas[0] <= 1, "kept levels " + java.util.Arrays.toString(sigmas));
            Video clip = Clips.discClip(3, 32, 32);
            for (float v : editor.edit(clip, Clips.recolouredFirst(clip)).video().data()) {
                assertTrue(Float.isFinite(v), "pixel " + v);
            }
        }
    }
}
