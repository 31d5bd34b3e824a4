package org.videoshop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.model.VideoshopModel;

/**
 * The example programs run as a user would run them, on the random-tiny bundle (or the bundled tiny model), with
 * nothing but the library and the JDK: PNG folders in, PNG folders out.
 */
class ExamplesTest {

    static final String RANDOM_TINY = System.getProperty("videoshop.test.bundle",
            "../videoshop-onnx/src/test/resources/bundles/random-tiny");

    @TempDir
    Path dir;

    private Path frames;
    private Path edited;

    @BeforeEach
    void inputs() throws IOException {
        frames = Files.createDirectories(dir.resolve("frames"));
        for (int i = 0; i < 6; i++) {
            ImageIO.write(disc(i, Color.RED), "png", frames.resolve(String.format("frame_%04d.png", i)).toFile());
        }
        edited = dir.resolve("edited.png");
        ImageIO.write(disc(0, Color.YELLOW), "png", edited.toFile());
    }

    @Test
    void optionsAndBackendExampleWritesFramesAtTheModelsSize() throws IOException {
        Path out = dir.resolve("out");
        OptionsAndBackendExample.main(new String[] {frames.toString(), edited.toString(), out.toString(),
                RANDOM_TINY});
        List<BufferedImage> result = readPngs(out);
        assertEquals(6, result.size());
        assertEquals(32, result.get(0).getWidth(), "the raw API edits at the model's resolution");
    }

    @Test
    void progressAndCancelExampleFinishesOrStopsAtItsDeadline() throws IOException, InterruptedException {
        List<BufferedImage> clip = readPngs(frames);
        BufferedImage first = ImageIO.read(edited.toFile());
        try (VideoshopModel model = VideoshopModel.open(RANDOM_TINY);
             VideoEditor editor = Videoshop.editor(model, VideoshopOptions.builder().steps(6).build())) {
            List<BufferedImage> done = ProgressAndCancelExample.editWithDeadline(editor, clip, first, 600);
            assertNotNull(done);
            assertEquals(6, done.size());
            assertNull(ProgressAndCancelExample.editWithDeadline(editor, clip, first, 0), "cancelled at once");
        }
    }

    @Test
    void editFolderExampleUsesTheBundledTinyModel() throws IOException {
        assumeTrue(getClass().getClassLoader().getResource("videoshop/models/tiny/videoshop-model.json") != null,
                "the trained tiny model is not bundled in this build yet");
        Path out = dir.resolve("out");
        EditFolderExample.main(new String[] {frames.toString(), edited.toString(), out.toString()});
        List<BufferedImage> result = readPngs(out);
        assertEquals(6, result.size());
        assertEquals(40, result.get(0).getWidth(), "the BufferedImage API returns frames at the input's size");
    }

    /** A 40x40 frame: a disc of the given colour on blue, moving right by 4 pixels a frame. */
    private static BufferedImage disc(int i, Color colour) {
        BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(40, 70, 160));
        g.fillRect(0, 0, 40, 40);
        g.setColor(colour);
        g.fillOval(4 + 4 * i, 10, 20, 20);
        g.dispose();
        return img;
    }

    private static List<BufferedImage> readPngs(Path folder) throws IOException {
        List<BufferedImage> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".png")).sorted().toList()) {
                out.add(ImageIO.read(p.toFile()));
            }
        }
        return out;
    }
}
