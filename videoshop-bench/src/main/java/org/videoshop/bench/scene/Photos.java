package org.videoshop.bench.scene;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;

/**
 * The photographs the real-footage cases are made of: six crops of Debian wallpaper photographs bundled as
 * classpath resources under {@value #RESOURCE_DIR} (their sources and licences: {@code LICENSES.md} there). Read
 * once and cached; the returned textures are values.
 */
public final class Photos {

    /** Where the crops live on the classpath. */
    public static final String RESOURCE_DIR = "videoshop/eval-photos/";

    /** Landscape backgrounds, 800x450. */
    public static final List<String> LANDSCAPES = List.of("lake-boats", "autumn-leaves", "ladybird-meadow");
    /** The portrait background, 450x800. */
    public static final String PORTRAIT = "forest-path";
    /** Close-ups of flowers, 320x320: the material of cut-out sprites. */
    public static final List<String> CLOSE_UPS = List.of("marigold", "yellow-flower");

    private static final Map<String, Rgba> CACHE = new ConcurrentHashMap<>();

    private Photos() {
    }

    /** The photo {@code name} (one of the lists above) as an opaque texture. */
    public static Rgba get(String name) {
        return CACHE.computeIfAbsent(name, Photos::read);
    }

    private static Rgba read(String name) {
        String path = RESOURCE_DIR + name + ".jpg";
        try (InputStream in = Photos.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("Expected the evaluation photo " + path
                        + " on the classpath but found none");
            }
            BufferedImage img = ImageIO.read(in);
            if (img == null) {
                throw new IllegalArgumentException("Expected a JPEG at classpath " + path
                        + " but found unreadable data");
            }
            return Rgba.of(img);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + path, e);
        }
    }
}
