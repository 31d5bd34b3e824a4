package org.videoshop.spark;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.videoshop.cli.video.Clip;
import org.videoshop.cli.video.PngFolder;
import org.videoshop.cli.video.VideoIO;

/** Tiny generated clips (a disc moving over two bands, 32x32, 8 frames) and the test's Spark session. */
final class Fixtures {

    static final int SIZE = 32;
    static final int FRAMES = 8;

    private Fixtures() {
    }

    /** local[2] without UI, bound to the loopback address; the same session for every test class. */
    static SparkSession spark() {
        return SparkSession.builder().master("local[2]").appName("videoshop-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }

    /** A clip whose disc has colour {@code disc}, starting at {@code offset} pixels. */
    static List<BufferedImage> clip(Color disc, int offset) {
        List<BufferedImage> frames = new ArrayList<>(FRAMES);
        for (int i = 0; i < FRAMES; i++) {
            BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(40, 70, 160));
            g.fillRect(0, 0, SIZE, SIZE / 2);
            g.setColor(new Color(60, 150, 70));
            g.fillRect(0, SIZE / 2, SIZE, SIZE / 2);
            g.setColor(disc);
            int cx = 6 + offset + i * 2;
            g.fillOval(cx - 6, SIZE / 2 - 6, 12, 12);
            g.dispose();
            frames.add(img);
        }
        return frames;
    }

    /** Frame 0 of {@code frames} with its disc recoloured to {@code to} (the user's edit). */
    static BufferedImage recolour(List<BufferedImage> frames, Color from, Color to) {
        BufferedImage src = frames.get(0);
        BufferedImage out = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int p = src.getRGB(x, y) & 0xffffff;
                out.setRGB(x, y, p == (from.getRGB() & 0xffffff) ? to.getRGB() : p);
            }
        }
        return out;
    }

    /** A mask covering the left half of the frame. */
    static BufferedImage leftHalfMask() {
        BufferedImage m = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = m.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, SIZE / 2, SIZE);
        g.dispose();
        return m;
    }

    static Path write(List<BufferedImage> frames, Path path) throws IOException {
        VideoIO.write(Clip.of(frames), path, Clip.DEFAULT_FPS);
        return path;
    }

    static Path writeImage(BufferedImage image, Path path) throws IOException {
        PngFolder.writeImage(image, path);
        return path;
    }

    /** Every pixel of both clips equal (same count, same size). */
    static boolean samePixels(List<BufferedImage> a, List<BufferedImage> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            BufferedImage x = a.get(i);
            BufferedImage y = b.get(i);
            if (x.getWidth() != y.getWidth() || x.getHeight() != y.getHeight()) {
                return false;
            }
            for (int r = 0; r < x.getHeight(); r++) {
                for (int c = 0; c < x.getWidth(); c++) {
                    if ((x.getRGB(c, r) & 0xffffff) != (y.getRGB(c, r) & 0xffffff)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Every path under {@code root} whose name ends with {@code .part} (temporary outputs). */
    static List<Path> partFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
