package org.videoshop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.cli.TestClips;
import org.videoshop.cli.video.Clip;
import org.videoshop.cli.video.VideoIO;
import org.videoshop.model.VideoshopModel;

/** The example programs run as a user would run them, on the random-tiny bundle (or the tiny model when bundled). */
class ExamplesTest {

    static final String RANDOM_TINY = System.getProperty("videoshop.test.bundle",
            "../videoshop-onnx/src/test/resources/bundles/random-tiny");

    @TempDir
    Path dir;

    private Path frames;
    private Path edited;

    @BeforeEach
    void inputs() throws IOException {
        List<BufferedImage> clip = TestClips.movingDisc(6, 40, 40);
        frames = dir.resolve("frames");
        VideoIO.write(Clip.of(clip), frames, 7);
        edited = dir.resolve("edited.png");
        ImageIO.write(TestClips.frame(0, 6, 40, 40, java.awt.Color.YELLOW), "png", edited.toFile());
    }

    @Test
    void optionsAndBackendExampleWritesFramesAtTheModelsSize() throws IOException {
        Path out = dir.resolve("out");
        OptionsAndBackendExample.main(new String[] {frames.toString(), edited.toString(), out.toString(),
                RANDOM_TINY});
        Clip result = VideoIO.read(out);
        assertEquals(6, result.size());
        assertEquals(32, result.width(), "the raw API edits at the model's resolution");
    }

    @Test
    void progressAndCancelExampleFinishesOrStopsAtItsDeadline() throws IOException, InterruptedException {
        List<BufferedImage> clip = VideoIO.read(frames).frames();
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
        Clip result = VideoIO.read(out);
        assertEquals(6, result.size());
        assertEquals(40, result.width(), "the BufferedImage API returns frames at the input's size");
    }
}
