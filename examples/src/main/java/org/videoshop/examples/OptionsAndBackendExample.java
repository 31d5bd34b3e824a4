package org.videoshop.examples;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.videoshop.EditResult;
import org.videoshop.InversionMode;
import org.videoshop.Provenance;
import org.videoshop.Stage;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.kernel.Backends;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Images;
import org.videoshop.tensor.Video;

/**
 * Chooses the model, the latent backend and the settings, edits at the model's own resolution through the raw
 * {@link Video}/{@link Frame} API, and prints the result's provenance (seed, backend, time per stage).
 *
 * <pre>
 * java -cp examples/target/classes:videoshop-cli/target/videoshop.jar \
 *     org.videoshop.examples.OptionsAndBackendExample frames/ edited_first.png out/ [MODEL]
 * </pre>
 * MODEL is a bundle folder or a built-in name (default {@code tiny}).
 */
public final class OptionsAndBackendExample {

    private OptionsAndBackendExample() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println("Backends found: " + Backends.describe() + "; default " + Backends.defaultName());
        VideoshopOptions options = VideoshopOptions.builder()
                .steps(30)                          // finer schedule than the default 25
                .strength(0.6)                      // start a little noisier: a stronger edit
                .inversionMode(InversionMode.EXTRAPOLATED)
                .guidance(1.0, 2.5)                 // guidance rising from the first to the last frame
                .seed(1234)
                .backend(Backends.defaultName())    // or "java" / "nd4j"; null picks the best found
                .build();
        try (VideoshopModel model = VideoshopModel.open(args.length > 3 ? args[3] : "tiny");
             VideoEditor editor = Videoshop.editor(model, options)) {
            ModelSpec spec = model.spec();
            List<Frame> frames = new ArrayList<>();
            try (Stream<Path> files = Files.list(Path.of(args[0])).filter(p -> p.toString().endsWith(".png"))
                    .sorted()) {
                for (Path p : files.toList()) {
                    frames.add(Images.resize(Images.toFrame(ImageIO.read(p.toFile())), spec.width(), spec.height()));
                }
            }
            Frame editedFirst = Images.resize(Images.toFrame(ImageIO.read(Path.of(args[1]).toFile())),
                    spec.width(), spec.height());
            EditResult result = editor.edit(Video.of(frames), editedFirst);
            Path out = Files.createDirectories(Path.of(args[2]));
            for (int i = 0; i < result.video().frames(); i++) {
                BufferedImage img = Images.toImage(result.video().frame(i));
                ImageIO.write(img, "png", out.resolve(String.format("frame_%04d.png", i)).toFile());
            }
            Provenance p = result.provenance();
            System.out.printf("model %s, backend %s, seed %d, %d frames %dx%d, %.2f s (%.0f%% in model calls)%n",
                    p.modelName(), p.backend(), p.options().seed(), p.frames(), p.width(), p.height(),
                    p.totalNanos() / 1e9, 100.0 * p.totalModelNanos() / Math.max(1, p.totalNanos()));
            for (Stage stage : Stage.values()) {
                System.out.printf("  %-8s %.3f s%n", stage, p.stageNanos().getOrDefault(stage, 0L) / 1e9);
            }
        }
    }
}
