package org.videoshop.cli.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * A clip stored as a folder of numbered PNG frames. Reading orders the frames by the last number in each file
 * name ({@code frame_2.png} before {@code frame_10.png}); writing names them {@code frame_0000.png, ...}.
 * A folder has no frame rate of its own.
 */
public final class PngFolder {

    private static final Pattern LAST_NUMBER = Pattern.compile("(\\d+)(?!.*\\d)");

    private PngFolder() {
    }

    /** The folder's PNG files in frame order; fails naming the file when one has no number or two share one. */
    public static List<Path> frameFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("Expected a folder of numbered PNG frames at " + dir + " but found "
                    + (Files.exists(dir) ? "a file" : "nothing"));
        }
        Map<BigInteger, Path> byNumber = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (!name.toLowerCase(Locale.ROOT).endsWith(".png") || name.startsWith(".")) {
                    continue;
                }
                Matcher m = LAST_NUMBER.matcher(name.substring(0, name.length() - 4));
                if (!m.find()) {
                    throw new IOException("Expected numbered PNG frames (frame_0000.png, frame_0001.png, ...) in "
                            + dir + " but found " + name + " without a number");
                }
                Path clash = byNumber.put(new BigInteger(m.group(1)), p);
                if (clash != null) {
                    throw new IOException("Expected one PNG frame per number in " + dir + " but found both "
                            + clash.getFileName() + " and " + name);
                }
            }
        }
        if (byNumber.isEmpty()) {
            throw new IOException("Expected numbered PNG frames (frame_0000.png, ...) in " + dir
                    + " but found no .png file");
        }
        return new ArrayList<>(byNumber.values());
    }

    /** Reads up to {@code maxFrames} frames (all when {@code maxFrames <= 0}), as RGB images. */
    public static Clip read(Path dir, int maxFrames) throws IOException {
        List<Path> files = frameFiles(dir);
        int n = maxFrames > 0 ? Math.min(maxFrames, files.size()) : files.size();
        List<BufferedImage> frames = new ArrayList<>(n);
        BufferedImage first = null;
        for (int i = 0; i < n; i++) {
            BufferedImage img = readImage(files.get(i));
            if (first != null && (img.getWidth() != first.getWidth() || img.getHeight() != first.getHeight())) {
                throw new IOException("Expected every frame in " + dir + " to be " + first.getWidth() + "x"
                        + first.getHeight() + " like " + files.get(0).getFileName() + " but "
                        + files.get(i).getFileName() + " is " + img.getWidth() + "x" + img.getHeight());
            }
            first = first == null ? img : first;
            frames.add(img);
        }
        return Clip.of(frames);
    }

    /**
     * Reads one image file (PNG, JPEG, BMP, GIF's first frame) as an RGB image, turned upright as its EXIF
     * orientation says (JPEG, PNG), so it matches what an image viewer shows.
     */
    public static BufferedImage readImage(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("Expected an image file at " + file + " but found "
                    + (Files.isDirectory(file) ? "a folder" : "nothing"));
        }
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException("Expected an image (PNG, JPEG, BMP or GIF) at " + file
                    + " but found a file no image reader recognises");
        }
        int orientation = Orientation.of(file);
        return orientation == Orientation.NORMAL ? Frames.toRgb(img) : Orientation.apply(img, orientation);
    }

    /** Writes one PNG file atomically. */
    public static void writeImage(BufferedImage image, Path file) throws IOException {
        AtomicOutput.writeFile(file, tmp -> writePng(image, tmp));
    }

    /** Writes the frames as {@code frame_0000.png, ...} into a new folder, moved into place when complete. */
    public static void write(Clip clip, Path dir) throws IOException {
        AtomicOutput.writeFolder(dir, tmp -> {
            for (int i = 0; i < clip.size(); i++) {
                writePng(clip.frames().get(i), tmp.resolve(String.format(Locale.ROOT, "frame_%04d.png", i)));
            }
        });
    }

    static void writePng(BufferedImage image, Path file) throws IOException {
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("Expected a PNG writer for a " + image.getWidth() + "x" + image.getHeight()
                    + " image of type " + image.getType() + " but found none");
        }
    }
}
