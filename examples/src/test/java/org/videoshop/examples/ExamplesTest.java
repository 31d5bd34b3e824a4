package org.videoshop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
        frames = DiscClip.writeFrames(dir.resolve("frames"));
        edited = DiscClip.writeEditedFirst(dir.resolve("edited.png"));
    }

    @Test
    void optionsAndBackendExampleWritesFramesAtTheModelsSize() throws IOException {
        Path out = dir.resolve("out");
        OptionsAndBackendExample.main(new String[] {frames.toString(), edited.toString(), out.toString(),
                RANDOM_TINY});
        List<BufferedImage> result = readPngs(out);
        assertEquals(DiscClip.FRAMES, result.size());
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
            assertEquals(DiscClip.FRAMES, done.size());
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
        assertEquals(DiscClip.FRAMES, result.size());
        assertEquals(40, result.get(0).getWidth(), "the BufferedImage API returns frames at the input's size");
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
