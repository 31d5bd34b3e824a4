package org.videoshop.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.videoshop.cli.video.Clip;
import org.videoshop.cli.video.Frames;
import org.videoshop.cli.video.PngFolder;

/**
 * The demo's input: a short clip and an edit of its first frame, either bundled as classpath resources
 * ({@value #RESOURCE_DIR}{@code source/frame_0000.png, ...} and {@value #RESOURCE_DIR}{@code edited_first.png})
 * or read from a folder with the same layout.
 *
 * @param source      the clip, at {@link Clip#DEFAULT_FPS}
 * @param editedFirst the edited first frame, at the clip's size
 */
public record Sample(Clip source, BufferedImage editedFirst) {

    /** Where the bundled sample lives on the classpath. */
    public static final String RESOURCE_DIR = "videoshop/sample/";

    /** Most frames read from the bundled sample (a guard against a runaway loop). */
    private static final int MAX_FRAMES = 10_000;

    /** The sample bundled in the jar; fails saying what is missing when it is not there. */
    public static Sample bundled() throws IOException {
        ClassLoader cl = Sample.class.getClassLoader();
        List<BufferedImage> frames = new ArrayList<>();
        for (int i = 0; i < MAX_FRAMES; i++) {
            BufferedImage img = resource(cl, String.format(Locale.ROOT, "%ssource/frame_%04d.png", RESOURCE_DIR, i));
            if (img == null) {
                break;
            }
            frames.add(img);
        }
        BufferedImage edited = resource(cl, RESOURCE_DIR + "edited_first.png");
        if (frames.isEmpty() || edited == null) {
            throw new IOException("Expected the bundled sample (classpath " + RESOURCE_DIR + "source/frame_0000.png,"
                    + " ... and " + RESOURCE_DIR + "edited_first.png) but found " + frames.size() + " frames and "
                    + (edited == null ? "no" : "an") + " edited first frame; pass --sample DIR with that layout");
        }
        return new Sample(new Clip(frames, Clip.DEFAULT_FPS), edited);
    }

    /** A sample folder: {@code DIR/source/} (numbered PNG frames) and {@code DIR/edited_first.png}. */
    public static Sample fromFolder(Path dir) throws IOException {
        Path edited = dir.resolve("edited_first.png");
        if (!Files.isDirectory(dir.resolve("source")) || !Files.isRegularFile(edited)) {
            throw new IOException("Expected a sample folder holding source/ (numbered PNG frames) and"
                    + " edited_first.png at " + dir + " but found " + (Files.isDirectory(dir)
                    ? "them missing" : "no folder"));
        }
        Clip clip = PngFolder.read(dir.resolve("source"), 0);
        return new Sample(new Clip(clip.frames(), Clip.DEFAULT_FPS), PngFolder.readImage(edited));
    }

    private static BufferedImage resource(ClassLoader cl, String name) throws IOException {
        try (InputStream in = cl.getResourceAsStream(name)) {
            if (in == null) {
                return null;
            }
            BufferedImage img = ImageIO.read(in);
            if (img == null) {
                throw new IOException("Expected a PNG image at classpath " + name + " but found unreadable data");
            }
            return Frames.toRgb(img);
        }
    }
}
