package org.videoshop.bench.scene;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.videoshop.tensor.Images;
import org.videoshop.tensor.Video;

/**
 * Writes generated cases as folders in the layout {@link org.videoshop.bench.eval.EvalCase} reads:
 * {@code source/frame_0000.png …}, {@code truth/…}, {@code edited_first.png}, {@code mask/frame_0000.png …} (white =
 * the edit region of that frame) and {@code case.json} (kind, size, seed, description).
 */
public final class CaseFolders {

    private CaseFolders() {
    }

    /** Generates every case of {@code specs} into {@code dir} (one sub-folder each), logging one line per case. */
    public static void writeAll(List<CaseSpec> specs, Path dir, PrintStream log) throws IOException {
        Files.createDirectories(dir);
        for (CaseSpec spec : specs) {
            FootageCase c = FootageCases.make(spec);
            write(c, dir.resolve(c.name()));
            if (log != null) {
                log.println("wrote " + dir.resolve(c.name()) + ": " + c.description());
            }
        }
    }

    /** Writes one case into {@code dir}; fails if {@code dir} already holds a case. */
    public static void write(FootageCase c, Path dir) throws IOException {
        if (Files.exists(dir.resolve("source"))) {
            throw new IOException("Expected no case at " + dir + " but found one (source/ exists)");
        }
        frames(dir.resolve("source"), c.source());
        frames(dir.resolve("truth"), c.truth());
        ImageIO.write(Images.toImage(c.editedFirst()), "png", dir.resolve("edited_first.png").toFile());
        Path masks = Files.createDirectories(dir.resolve("mask"));
        boolean[][] m = c.masks();
        int w = c.spec().width();
        int h = c.spec().height();
        for (int t = 0; t < m.length; t++) {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            for (int i = 0; i < w * h; i++) {
                img.getRaster().setSample(i % w, i / w, 0, m[t][i] ? 255 : 0);
            }
            ImageIO.write(img, "png", masks.resolve(String.format("frame_%04d.png", t)).toFile());
        }
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode o = om.createObjectNode();
        o.put("edit", c.spec().kind().id());
        o.put("width", w);
        o.put("height", h);
        o.put("frames", c.spec().frames());
        o.put("seed", c.spec().seed());
        o.put("generator", FootageCases.class.getName());
        o.put("description", c.description());
        om.writeValue(dir.resolve("case.json").toFile(), o);
    }

    private static void frames(Path dir, Video v) throws IOException {
        Files.createDirectories(dir);
        for (int t = 0; t < v.frames(); t++) {
            ImageIO.write(Images.toImage(v.frame(t)), "png", dir.resolve(String.format("frame_%04d.png", t)).toFile());
        }
    }
}
