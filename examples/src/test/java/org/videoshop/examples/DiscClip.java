package org.videoshop.examples;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * The examples' test clip: six 40x40 frames of a red disc on blue moving right by 4 pixels a frame, as numbered
 * PNGs, and its edited first frame (the disc yellow).
 */
final class DiscClip {

    /** Frames in the clip. */
    static final int FRAMES = 6;

    private DiscClip() {
    }

    /** Writes the clip as {@code frame_0000.png}... into {@code folder} (created) and returns the folder. */
    static Path writeFrames(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (int i = 0; i < FRAMES; i++) {
            ImageIO.write(disc(i, Color.RED), "png", folder.resolve(String.format("frame_%04d.png", i)).toFile());
        }
        return folder;
    }

    /** Writes the edited first frame to {@code file} and returns it. */
    static Path writeEditedFirst(Path file) throws IOException {
        ImageIO.write(disc(0, Color.YELLOW), "png", file.toFile());
        return file;
    }

    /** A 40x40 frame: a disc of the given colour on blue, moved right by 4 pixels a frame. */
    static BufferedImage disc(int i, Color colour) {
        BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(40, 70, 160));
        g.fillRect(0, 0, 40, 40);
        g.setColor(colour);
        g.fillOval(4 + 4 * i, 10, 20, 20);
        g.dispose();
        return img;
    }
}
