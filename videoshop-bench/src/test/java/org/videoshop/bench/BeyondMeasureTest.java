package org.videoshop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.model.VideoshopModel;

/** The measurement program's arithmetic and its three modes on the random-tiny bundle (no timings asserted). */
class BeyondMeasureTest {

    static final String RANDOM_TINY = System.getProperty("videoshop.test.bundle",
            "../videoshop-onnx/src/test/resources/bundles/random-tiny");

    @TempDir
    Path dir;

    @Test
    void psnrIsTheUsualFormula() {
        BufferedImage a = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        BufferedImage b = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        b.setRGB(0, 0, 0x330000); // one channel of one pixel off by 51 = 0.2: MSE = 0.04 / 48
        double expected = 10 * Math.log10(48 / 0.04);
        assertEquals(expected, BeyondMeasure.psnr(List.of(a), List.of(b)), 1e-9);
        assertEquals(120.0, BeyondMeasure.psnr(List.of(a), List.of(a)), 1e-9, "identical frames hit the floor");
    }

    @Test
    void eachModeReportsOneJsonLine() throws IOException {
        Path cases = dir.resolve("case");
        List<BufferedImage> truth = BeyondMeasure.movingDisc(10, 32, 32, Color.YELLOW);
        writePngs(BeyondMeasure.movingDisc(10, 32, 32, Color.RED), cases.resolve("source"));
        writePngs(truth, cases.resolve("truth"));
        ImageIO.write(truth.get(0), "png", cases.resolve("edited_first.png").toFile());
        try (VideoshopModel model = VideoshopModel.open(RANDOM_TINY);
             VideoEditor editor = Videoshop.editor(model, VideoshopOptions.builder().steps(4).build())) {
            String drift = BeyondMeasure.drift(editor, cases, 0);
            assertTrue(drift.contains("\"frames\":10,\"padded_to\":10,\"guidance\":\"1.0,3.0\",\"windows_run\":2,"
                    + "\"window_frames\":8,\"window_starts\":[0, 2]"), drift);
            Matcher m = Pattern.compile("\"psnr_per_window\":\\[([0-9.]+),([0-9.]+)]").matcher(drift);
            assertTrue(m.find(), drift);
            String padded = BeyondMeasure.drift(editor, cases, 14);
            assertTrue(padded.contains("\"frames\":10,\"padded_to\":14,\"guidance\":\"1.0,3.0\",\"windows_run\":2,"
                    + "\"window_frames\":8,\"window_starts\":[0, 6]"), padded);

            try (VideoEditor whole = Videoshop.editor(model, VideoshopOptions.builder().steps(4).windowFrames(10)
                    .build())) {
                String one = BeyondMeasure.drift(whole, cases, 0);
                assertTrue(one.contains("\"windows_run\":1,\"window_frames\":10,\"window_starts\":[0, 2]"),
                        "one window run, PSNR still over the default windows' ranges: " + one);
            }
            String memory = BeyondMeasure.memory(editor, 11);
            assertTrue(memory.contains("\"frames\":11,\"windows\":2,"), memory);
            assertTrue(memory.contains("\"out_frames\":11}"), memory);
            String speed = BeyondMeasure.speed(editor, 9, 1);
            assertTrue(speed.matches(".*\"ratio\":[0-9.]+,.*\"ratio_cpu\":[0-9.]+}"), speed);
        }
    }

    private static void writePngs(List<BufferedImage> frames, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < frames.size(); i++) {
            ImageIO.write(frames.get(i), "png", dir.resolve(String.format("frame_%04d.png", i)).toFile());
        }
    }
}
