package org.videoshop.bench.eval;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.videoshop.bench.scene.FootageCase;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Images;
import org.videoshop.tensor.Video;

/**
 * One evaluation case, read from a folder laid out as {@code source/frame_0000.png …}, {@code truth/frame_0000.png …}
 * (the clip as the edit should make it), {@code edited_first.png} and optionally the edited region: {@code
 * mask/frame_0000.png …} (one per frame) or {@code mask.png} (every frame), white = in the region. Read at its own
 * size ({@link #load(Path)}, the full-resolution evaluation) or resized to the model's resolution as
 * {@link org.videoshop.VideoEditor} resizes ({@link #load(Path, int, int)}, the ablation). The arrays belong to the
 * case.
 *
 * @param name        the folder's name
 * @param kind        the kind of edit: {@code case.json}'s "edit" field when present, else the name without a
 *                    trailing {@code -N} (so {@code recolour-2} is a {@code recolour})
 * @param source      the clip
 * @param truth       the ground-truth edited clip, same size and frame count
 * @param editedFirst the user's edit of frame 0
 * @param masks       per pixel (height x width) whether it is in the edited region: one array per frame, or one for
 *                    every frame; null when the case has none (the region is then where truth and source differ,
 *                    frame by frame)
 */
public record EvalCase(String name, String kind, Video source, Video truth, Frame editedFirst, boolean[][] masks) {

    public EvalCase {
        if (source.frames() != truth.frames() || source.width() != truth.width()
                || source.height() != truth.height()) {
            throw new IllegalArgumentException("Expected case " + name + "'s truth to match its source " + source
                    + " but found " + truth);
        }
        if (editedFirst.width() != source.width() || editedFirst.height() != source.height()) {
            throw new IllegalArgumentException("Expected case " + name + "'s edited first frame to be "
                    + source.width() + "x" + source.height() + " but found " + editedFirst);
        }
        if (masks != null) {
            if (masks.length != 1 && masks.length != source.frames()) {
                throw new IllegalArgumentException("Expected case " + name + " to have one mask or one per frame ("
                        + source.frames() + ") but found " + masks.length);
            }
            masks = masks.clone();
            for (int t = 0; t < masks.length; t++) {
                if (masks[t] == null || masks[t].length != source.width() * source.height()) {
                    throw new IllegalArgumentException("Expected case " + name + "'s mask " + t + " to have "
                            + source.width() * source.height() + " pixels but found "
                            + (masks[t] == null ? "null" : masks[t].length));
                }
                masks[t] = masks[t].clone();
            }
        }
    }

    /** A case with one mask for every frame (null for none). */
    public static EvalCase withMask(String name, String kind, Video source, Video truth, Frame editedFirst,
                                    boolean[] mask) {
        return new EvalCase(name, kind, source, truth, editedFirst, mask == null ? null : new boolean[][] {mask});
    }

    /** A generated real-footage case, at its own size, with its per-frame edit regions. */
    public static EvalCase of(FootageCase c) {
        return new EvalCase(c.name(), c.spec().kind().id(), c.source(), c.truth(), c.editedFirst(), c.masks());
    }

    @Override
    public boolean[][] masks() {
        if (masks == null) {
            return null;
        }
        boolean[][] out = masks.clone();
        for (int t = 0; t < out.length; t++) {
            out[t] = out[t].clone();
        }
        return out;
    }

    /** The case folders under {@code casesDir} (those holding a {@code source} folder), sorted by name. */
    public static List<Path> list(Path casesDir) {
        if (!Files.isDirectory(casesDir)) {
            throw new IllegalArgumentException("Expected a folder of evaluation cases but found " + casesDir);
        }
        try (Stream<Path> s = Files.list(casesDir)) {
            List<Path> dirs = s.filter(p -> Files.isDirectory(p.resolve("source"))).sorted().toList();
            if (dirs.isEmpty()) {
                throw new IllegalArgumentException("Expected case folders (<case>/source/frame_0000.png …) under "
                        + casesDir + " but found none");
            }
            return dirs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the case in {@code dir} at its own size (the size of its first source frame). */
    public static EvalCase load(Path dir) {
        Path first = firstPng(dir.resolve("source"));
        BufferedImage img = read(first);
        return load(dir, img.getWidth(), img.getHeight());
    }

    /** Reads the case in {@code dir} and resizes everything to width x height. */
    public static EvalCase load(Path dir, int width, int height) {
        Video source = readFrames(dir.resolve("source"), width, height);
        Video truth = readFrames(dir.resolve("truth"), width, height);
        if (truth.frames() != source.frames()) {
            throw new IllegalArgumentException("Expected as many truth frames as source frames (" + source.frames()
                    + ") in " + dir + " but found " + truth.frames());
        }
        Frame edited = Images.resize(Images.toFrame(read(dir.resolve("edited_first.png"))), width, height);
        boolean[][] masks = null;
        if (Files.isDirectory(dir.resolve("mask"))) {
            List<Path> files = pngs(dir.resolve("mask"));
            if (files.size() != source.frames()) {
                throw new IllegalArgumentException("Expected one mask per frame (" + source.frames() + ") in "
                        + dir.resolve("mask") + " but found " + files.size());
            }
            masks = files.stream().map(f -> readMask(f, width, height)).toArray(boolean[][]::new);
        } else if (Files.exists(dir.resolve("mask.png"))) {
            masks = new boolean[][] {readMask(dir.resolve("mask.png"), width, height)};
        }
        String name = dir.getFileName().toString();
        return new EvalCase(name, kindOf(dir, name), source, truth, edited, masks);
    }

    static String kindOf(Path dir, String name) {
        Path json = dir.resolve("case.json");
        if (Files.exists(json)) {
            try {
                com.fasterxml.jackson.databind.JsonNode edit = new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(json.toFile()).path("edit");
                if (edit.isTextual() && !edit.asText().isBlank()) {
                    return edit.asText();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + json, e);
            }
        }
        return name.replaceFirst("-\\d+$", "");
    }

    /** The edited region of frame {@code t}: its mask, or where truth and source differ. Owned by the caller. */
    public boolean[] region(int t) {
        if (masks != null) {
            return masks[masks.length == 1 ? 0 : t].clone();
        }
        int plane = source.width() * source.height();
        boolean[] r = new boolean[plane];
        float[] t1 = truth.frame(t).data();
        float[] s1 = source.frame(t).data();
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane; i++) {
                if (Math.abs(t1[c * plane + i] - s1[c * plane + i]) > 0.5f / 255) {
                    r[i] = true;
                }
            }
        }
        return r;
    }

    /** Writes a case folder in the layout {@link #load} reads (8-bit PNGs). */
    public static void write(Path dir, Video source, Video truth, Frame editedFirst, boolean[] mask)
            throws IOException {
        writeFrames(dir.resolve("source"), source);
        writeFrames(dir.resolve("truth"), truth);
        ImageIO.write(Images.toImage(editedFirst), "png", dir.resolve("edited_first.png").toFile());
        if (mask != null) {
            int w = source.width();
            int h = source.height();
            BufferedImage m = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            for (int i = 0; i < w * h; i++) {
                m.getRaster().setSample(i % w, i / w, 0, mask[i] ? 255 : 0);
            }
            ImageIO.write(m, "png", dir.resolve("mask.png").toFile());
        }
    }

    private static void writeFrames(Path dir, Video v) throws IOException {
        Files.createDirectories(dir);
        for (int t = 0; t < v.frames(); t++) {
            ImageIO.write(Images.toImage(v.frame(t)), "png",
                    dir.resolve(String.format("frame_%04d.png", t)).toFile());
        }
    }

    private static List<Path> pngs(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("Expected a folder of frames at " + dir + " but found none");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".png")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("Expected PNG frames (frame_0000.png …) in " + dir + " but found none");
        }
        return files;
    }

    private static Path firstPng(Path dir) {
        return pngs(dir).get(0);
    }

    private static Video readFrames(Path dir, int width, int height) {
        List<Path> files = pngs(dir);
        List<Frame> frames = new ArrayList<>(files.size());
        for (Path f : files) {
            frames.add(Images.resize(Images.toFrame(read(f)), width, height));
        }
        return Video.of(frames);
    }

    private static boolean[] readMask(Path file, int width, int height) {
        float[] m = Images.resize(Images.toFrame(read(file)), width, height).data();
        int plane = width * height;
        boolean[] out = new boolean[plane];
        for (int i = 0; i < plane; i++) {
            out[i] = (m[i] + m[plane + i] + m[2 * plane + i]) / 3 > 0.5f;
        }
        return out;
    }

    private static BufferedImage read(Path file) {
        try {
            BufferedImage img = ImageIO.read(file.toFile());
            if (img == null) {
                throw new IllegalArgumentException("Expected a readable image at " + file + " but found none");
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }
}
