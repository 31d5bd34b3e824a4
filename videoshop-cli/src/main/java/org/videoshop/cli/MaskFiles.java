package org.videoshop.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.videoshop.FrameSource;
import org.videoshop.cli.video.Clip;
import org.videoshop.cli.video.PngFolder;
import org.videoshop.cli.video.PngFolderSource;
import org.videoshop.cli.video.RepeatedImage;
import org.videoshop.tensor.Mask;

/**
 * Reads {@code --mask}: one image for the whole clip, or a folder of numbered per-frame PNGs (the first
 * {@code frames} of them), at the frames' size; white (luminance 1) = may change, black = keep the source.
 */
public final class MaskFiles {

    private MaskFiles() {
    }

    /**
     * The mask frames for a clip of {@code frames} frames of {@code width x height}, read one at a time: a
     * folder's first {@code frames} PNGs, or one image repeated. Checked (count, size) before any is decoded.
     */
    static FrameSource open(Path path, int frames, int width, int height) throws IOException {
        FrameSource source;
        if (Files.isDirectory(path)) {
            int found = PngFolder.frameFiles(path).size();
            if (found < frames) {
                throw new IOException("Expected one mask PNG per frame (" + frames + ") in " + path + " but found "
                        + found);
            }
            source = PngFolderSource.open(path, frames, Clip.DEFAULT_FPS);
        } else {
            source = new RepeatedImage(PngFolder.readImage(path), frames);
        }
        if (source.width() != width || source.height() != height) {
            source.close();
            throw new IllegalArgumentException("Expected a mask of " + width + "x" + height + " like the frames but "
                    + path.getFileName() + " is " + source.width() + "x" + source.height());
        }
        return source;
    }

    /** The mask for a clip of {@code frames} frames of {@code width x height}, with a soft edge of {@code feather}. */
    public static Mask read(Path path, int frames, int width, int height, int feather) throws IOException {
        List<BufferedImage> images;
        if (Files.isDirectory(path)) {
            int found = PngFolder.frameFiles(path).size();
            if (found < frames) {
                throw new IOException("Expected one mask PNG per frame (" + frames + ") in " + path + " but found "
                        + found);
            }
            images = PngFolder.read(path, frames).frames();
        } else {
            images = List.of(PngFolder.readImage(path));
        }
        BufferedImage first = images.get(0);
        if (first.getWidth() != width || first.getHeight() != height) {
            throw new IllegalArgumentException("Expected a mask of " + width + "x" + height + " like the frames but "
                    + path.getFileName() + " is " + first.getWidth() + "x" + first.getHeight());
        }
        return Mask.of(images).withFeather(feather);
    }
}
