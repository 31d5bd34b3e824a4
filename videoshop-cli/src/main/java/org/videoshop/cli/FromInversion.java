package org.videoshop.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.videoshop.CancellationToken;
import org.videoshop.Inverted;
import org.videoshop.VideoshopOptions;
import org.videoshop.cli.video.Clip;
import org.videoshop.cli.video.VideoIO;
import org.videoshop.model.ModelSpec;
import org.videoshop.onnx.store.InversionFiles;
import org.videoshop.tensor.Images;
import org.videoshop.tensor.Mask;
import org.videoshop.tensor.Video;

/**
 * {@code videoshop edit --inverted FILE.inv}: one more edit of a clip inverted earlier by {@code videoshop invert},
 * costing only the generation half. Without {@code --input} the frames (and the edited first frame and mask) are at
 * the model's resolution, the one the inversion stores; with {@code --input} (the clip it was made from) they are
 * at the input's size, exactly as a direct edit.
 */
final class FromInversion {

    /** The edit and the source clip it was made from (for the side-by-side and the frame rate). */
    record Result(Editing.Outcome outcome, Clip source) {
    }

    private FromInversion() {
    }

    static Result run(Path file, Path input, BufferedImage editedFirst, Path maskPath, int feather,
                      VideoshopOptions options, String modelName, CancellationToken token, OutputOptions output,
                      PrintWriter err) throws IOException {
        long start = System.nanoTime();
        return Editing.withEditor(options, modelName, output, err, (editor, bars) -> {
            Inverted inverted = InversionFiles.load(file, editor);
            ModelSpec spec = editor.model().spec();
            List<BufferedImage> frames;
            Clip source;
            if (input != null) {
                source = VideoIO.read(input, inverted.frames());
                if (source.size() != inverted.frames()) {
                    throw new IllegalArgumentException("Expected the input " + file.getFileName() + " was inverted"
                            + " from (" + inverted.frames() + " frames) but " + input + " has " + source.size());
                }
                Mask mask = maskPath == null ? null
                        : MaskFiles.read(maskPath, source.size(), source.width(), source.height(), feather);
                frames = inverted.withOriginals(source.frames()).edit(editedFirst, mask, bars, token);
            } else {
                Video video = inverted.source();
                source = Clip.of(images(video));
                if (editedFirst.getWidth() != video.width() || editedFirst.getHeight() != video.height()) {
                    throw new IllegalArgumentException("Expected an edited first frame of " + video.width() + "x"
                            + video.height() + " (the inversion's resolution; give --input to edit at the input's"
                            + " size) but found " + editedFirst.getWidth() + "x" + editedFirst.getHeight());
                }
                Mask mask = maskPath == null ? null
                        : MaskFiles.read(maskPath, video.frames(), video.width(), video.height(), feather);
                // the stored source as images is the clip at the working size: the edit (detail or regenerate, as
                // the options say) is the direct edit of that clip
                frames = inverted.withOriginals(source.frames()).edit(editedFirst, mask, bars, token);
            }
            Editing.Outcome outcome = new Editing.Outcome(frames, spec.name(), editor.backend(), spec,
                    inverted.plan(), System.nanoTime() - start);
            return new Result(outcome, source);
        });
    }

    private static List<BufferedImage> images(Video video) {
        List<BufferedImage> out = new ArrayList<>(video.frames());
        for (int i = 0; i < video.frames(); i++) {
            out.add(Images.toImage(video.frame(i)));
        }
        return out;
    }
}
