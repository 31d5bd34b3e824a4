package org.videoshop.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Images;
import org.videoshop.tensor.Video;

/**
 * The test clip of the api, backend and model tests: a coloured disc moving across a flat background, as images or
 * as planar floats, and its edit (frame 0 with the disc recoloured).
 */
public final class Clips {
    private Clips() {
    }

    /** {@code frames} images of width x height with a disc of {@code disc} colour moving right. */
    public static List<BufferedImage> movingDisc(int frames, int width, int height, Color disc) {
        List<BufferedImage> out = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(40, 90, 160));
            g.fillRect(0, 0, width, height);
            g.setColor(disc);
            int r = Math.max(2, height / 4);
            g.fillOval(2 + t * Math.max(1, (width - 2 * r - 4) / Math.max(1, frames - 1)), height / 2 - r, 2 * r, 2 * r);
            g.dispose();
            out.add(img);
        }
        return out;
    }

    /** The same clip as planar floats. */
    public static Video video(List<BufferedImage> images) {
        List<Frame> frames = new ArrayList<>();
        for (BufferedImage i : images) {
            frames.add(Images.toFrame(i));
        }
        return Video.of(frames);
    }

    /** An orange disc moving right, as planar floats [frames, 3, height, width] (the tensors' order of sizes). */
    public static Video discClip(int frames, int height, int width) {
        return video(movingDisc(frames, width, height, Color.ORANGE));
    }

    /** The edit of a {@link #discClip}: its frame 0 with the disc green, at the clip's size. */
    public static Frame recolouredFirst(Video clip) {
        return video(movingDisc(1, clip.width(), clip.height(), Color.GREEN)).frame(0);
    }
}
