package org.videoshop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.videoshop.EditInputs;
import org.videoshop.ProgressListener;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Video;

/**
 * Sizes the real ONNX model cannot take, refused by {@link EditInputs} with expected and found before any network
 * runs (checked by the model's workspace pools: a network that ran leaves an idle workspace behind). Uses
 * random-tiny (downscale 2, a UNet that halves its latent grid twice, declaring {@code video.sizeMultiple} 8) and
 * a copy of it that declares no size multiple (so the downscale factor, 2). The other bad inputs (nulls, frame counts, mixed sizes, NaN pixels, options) are
 * in videoshop-api's EditInputsTest and OptionsValidationTest.
 */
class RealModelBadInputTest {

    private static final VideoshopOptions FAST = VideoshopOptions.builder().steps(4).strength(0.5).seed(3).build();

    @TempDir
    static Path tmp;

    private static OnnxModel plain;
    private static OnnxModel declared;

    @BeforeAll
    static void open() {
        declared = OnnxModel.open(TestBundles.bundle(TestBundles.RANDOM_TINY));
        Path b = TestBundles.copy(TestBundles.RANDOM_TINY, tmp);
        ObjectNode m = TestBundles.manifest(b);
        ((ObjectNode) m.get("video")).remove("sizeMultiple");
        TestBundles.write(b, m);
        plain = OnnxModel.open(b);
    }

    @AfterAll
    static void close() {
        plain.close();
        declared.close();
    }

    @AfterEach
    void noNetworkRan() {
        for (OnnxModel m : new OnnxModel[] {plain, declared}) {
            for (NetworkKind k : NetworkKind.values()) {
                assertEquals(0, m.idleWorkspaces(k), "network " + k + " of " + m + " ran on bad input");
            }
        }
    }

    private static Video clip(int frames, int height, int width) {
        return new Video(frames, height, width, new float[frames * 3 * height * width]);
    }

    private static Frame frame(int height, int width) {
        return new Frame(height, width, new float[3 * height * width]);
    }

    private static Arguments raw(String expected, String found, boolean declaredModel, int h, int w) {
        Consumer<VideoEditor> call = e -> e.edit(clip(3, h, w), frame(h, w));
        return Arguments.of(expected, found, declaredModel, call);
    }

    private static Arguments invert(String expected, String found, boolean declaredModel, int h, int w) {
        Consumer<VideoEditor> call = e -> e.invert(clip(3, h, w), ProgressListener.NONE, null);
        return Arguments.of(expected, found, declaredModel, call);
    }

    static Stream<Arguments> badSizes() {
        String two = "multiple of the model's downscale factor 2";
        String eight = "multiple of 8 (the model's downscale factor 2 times its UNet's down-sampling 4)";
        return Stream.of(
                raw(two, "found 31x32", false, 32, 31),
                raw(two, "found 32x33", false, 33, 32),
                raw(two, "found 33x33", false, 33, 33),
                raw(two, "found 1x1", false, 1, 1),
                invert(two, "found 31x32", false, 32, 31),
                raw(eight, "found 34x34", true, 34, 34),
                raw(eight, "found 36x32", true, 32, 36),
                raw(eight, "found 32x20", true, 20, 32),
                raw(eight, "found 2x2", true, 2, 2),
                invert(eight, "found 34x34", true, 34, 34));
    }

    @ParameterizedTest(name = "{1} ({0})")
    @MethodSource("badSizes")
    void sizesTheModelCannotTakeAreRefusedBeforeAnyNetworkRuns(String expected, String found, boolean declaredModel,
                                                               Consumer<VideoEditor> call) {
        try (VideoEditor editor = Videoshop.editor(declaredModel ? declared : plain, FAST)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call.accept(editor));
            String m = e.getMessage();
            assertTrue(m.startsWith("Expected") && m.contains(expected) && m.contains(found),
                    "message should say expected '" + expected + "' and '" + found + "': " + m);
        }
    }

    @Test
    void theDeclaredSizeMultipleReachesTheSpec() {
        assertEquals(2, plain.spec().sizeMultiple());
        assertEquals(8, declared.spec().sizeMultiple());
    }

    /**
     * Latents (with the inversion trajectory: one latent copy per kept step) that cannot fit in the heap are
     * refused with the computed bytes, although the input itself fits: with -Xmx4g, 4 frames at 4096x1024 are
     * 192 MiB of pixels, but 100 steps keep 101 latent copies (6.8 GB) besides the working buffers.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("memoryCalls")
    void latentsThatWouldNotFitInMemoryAreRefusedWithTheComputedBytes(String path, boolean invertOnly) {
        int frames = 4;
        int h = 1024;
        int w = 1024;
        VideoshopOptions many = VideoshopOptions.builder().steps(100).strength(1).build();
        long max = Runtime.getRuntime().maxMemory();
        while (EditInputs.estimateBytes(frames, w, h, plain.spec(), many) <= max && w < (1 << 16)) {
            w *= 2;
        }
        long need = EditInputs.estimateBytes(frames, w, h, plain.spec(), many);
        long inputBytes = 4L * frames * 3 * h * w;
        assumeTrue(need > max && inputBytes < max / 4, "heap of " + max + " bytes does not suit this case");
        assertTrue(need > 101L * frames * 4 * (h / 2) * (w / 2) * Float.BYTES, "the trajectory is counted: " + need);
        Video big = clip(frames, h, w);
        try (VideoEditor editor = Videoshop.editor(plain, many)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
                if (invertOnly) {
                    editor.invert(big, ProgressListener.NONE, null);
                } else {
                    editor.edit(big, big.frame(0));
                }
            });
            String m = e.getMessage();
            assertTrue(m.startsWith("Expected an edit that fits in the heap's") && m.contains("free bytes but 4 "
                    + "frames of " + w + "x" + h + " need about " + need + " bytes"), m);
        }
    }

    static Stream<Arguments> memoryCalls() {
        return Stream.of(Arguments.of("edit", false), Arguments.of("invert", true));
    }
}
