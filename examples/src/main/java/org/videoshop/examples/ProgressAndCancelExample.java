package org.videoshop.examples;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.videoshop.CancellationToken;
import org.videoshop.EditCancelledException;
import org.videoshop.ProgressListener;
import org.videoshop.Stage;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.model.VideoshopModel;

/**
 * Runs an edit on a worker thread, prints its progress, and cancels it when it takes longer than a deadline; a
 * cancelled edit stops at its next step and returns nothing partial.
 *
 * <pre>
 * java -cp examples/target/classes:videoshop-cli/target/videoshop.jar \
 *     org.videoshop.examples.ProgressAndCancelExample frames/ edited_first.png SECONDS [MODEL]
 * </pre>
 */
public final class ProgressAndCancelExample {

    private ProgressAndCancelExample() {
    }

    /** Edits with a deadline; returns the edited frames, or null when the deadline cancelled the edit. */
    public static List<BufferedImage> editWithDeadline(VideoEditor editor, List<BufferedImage> frames,
                                                       BufferedImage editedFirst, double seconds)
            throws InterruptedException {
        CancellationToken token = new CancellationToken();
        ProgressListener progress = (Stage stage, int step, int total) ->
                System.out.printf("%-8s %d/%d%n", stage, step, total);
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            Future<List<BufferedImage>> edit = worker.submit(() -> editor.edit(frames, editedFirst, progress, token));
            try {
                return edit.get((long) (seconds * 1000), TimeUnit.MILLISECONDS);
            } catch (TimeoutException late) {
                token.cancel();                                   // stops at the edit's next step
                try {
                    return edit.get();                            // finished just in time after all
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof EditCancelledException c) {
                        System.out.println("Cancelled during " + c.stage() + " at step " + c.step());
                        return null;
                    }
                    throw new IllegalStateException("The edit failed: " + e.getCause().getMessage(), e.getCause());
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("The edit failed: " + e.getCause().getMessage(), e.getCause());
            }
        } finally {
            worker.shutdownNow();
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        List<BufferedImage> frames = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(args[0])).filter(p -> p.toString().endsWith(".png")).sorted()) {
            for (Path p : files.toList()) {
                frames.add(ImageIO.read(p.toFile()));
            }
        }
        BufferedImage editedFirst = ImageIO.read(Path.of(args[1]).toFile());
        try (VideoshopModel model = VideoshopModel.open(args.length > 3 ? args[3] : "tiny");
             VideoEditor editor = Videoshop.editor(model, VideoshopOptions.defaults())) {
            List<BufferedImage> out = editWithDeadline(editor, frames, editedFirst, Double.parseDouble(args[2]));
            System.out.println(out == null ? "No result" : "Edited " + out.size() + " frames");
        }
    }
}
