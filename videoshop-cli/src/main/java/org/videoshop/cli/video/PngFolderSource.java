package org.videoshop.cli.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A folder of numbered PNG frames read one file at a time (see {@link PngFolder#frameFiles}). The frame count is
 * the number of files and the size is frame 0's (read from its header, after its EXIF orientation); a frame of
 * another size fails naming both files. A folder has no timing of its own: {@link #timing()} is the fallback
 * rate given when opening. Holds no native resource.
 */
public final class PngFolderSource extends ClipFileSource {

    private final List<Path> files;

    private PngFolderSource(Path dir, List<Path> files, int width, int height, double fps) {
        super(dir, VideoKind.PNG_FOLDER, width, height, Timing.constant(files.size(), fps));
        this.files = files;
    }

    /** Opens the folder, keeping at most {@code maxFrames} frames (all when {@code maxFrames <= 0}). */
    public static PngFolderSource open(Path dir, int maxFrames, double fps) throws IOException {
        List<Path> files = PngFolder.frameFiles(dir);
        if (maxFrames > 0 && files.size() > maxFrames) {
            files = files.subList(0, maxFrames);
        }
        int[] size = uprightSize(files.get(0));
        return new PngFolderSource(dir, List.copyOf(files), size[0], size[1], fps);
    }

    /** An image file's width and height as it is meant to be shown, from its header (no pixels decoded). */
    static int[] uprightSize(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException("Expected an image (PNG, JPEG, BMP or GIF) at " + file
                        + " but found a file no image reader recognises");
            }
            ImageReader r = readers.next();
            try {
                r.setInput(in, true, true);
                int w = r.getWidth(0);
                int h = r.getHeight(0);
                boolean swap = Orientation.of(file) >= 5;
                return swap ? new int[] {h, w} : new int[] {w, h};
            } finally {
                r.dispose();
            }
        }
    }

    @Override
    BufferedImage decode(int index) {
        Path f = files.get(index);
        try {
            BufferedImage img = PngFolder.readImage(f);
            if (img.getWidth() != width() || img.getHeight() != height()) {
                throw new IOException("Expected every frame in " + path() + " to be " + width() + "x" + height()
                        + " like " + files.get(0).getFileName() + " but " + f.getFileName() + " is " + img.getWidth()
                        + "x" + img.getHeight());
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    void release() {
        // holds no native resource
    }

    @Override
    String details() {
        return "";
    }
}
