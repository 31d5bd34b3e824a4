package org.videoshop.examples;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;

/**
 * The shortest useful program: edits a folder of PNG frames with the bundled tiny model.
 *
 * <pre>
 * java -cp examples/target/classes:videoshop-cli/target/videoshop.jar \
 *     org.videoshop.examples.EditFolderExample frames/ edited_first.png out/
 * </pre>
 */
public final class EditFolderExample {

    private EditFolderExample() {
    }

    public static void main(String[] args) throws IOException {
        List<BufferedImage> frames = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(args[0])).filter(p -> p.toString().endsWith(".png")).sorted()) {
            for (Path p : files.toList()) {
                frames.add(ImageIO.read(p.toFile()));
            }
        }
        try (VideoEditor editor = Videoshop.open()) {                      // the tiny model, default options
            List<BufferedImage> edited = editor.edit(frames, ImageIO.read(Path.of(args[1]).toFile()));
            Path out = Files.createDirectories(Path.of(args[2]));
            for (int i = 0; i < edited.size(); i++) {
                ImageIO.write(edited.get(i), "png", out.resolve(String.format("frame_%04d.png", i)).toFile());
            }
        }
    }
}
