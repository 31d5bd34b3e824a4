package org.videoshop.cli.video;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.Node;

/**
 * An animated GIF read frame by frame through ImageIO. Each frame is composited onto the logical screen as a
 * browser does (frame offsets, transparency, the three disposal methods) and flattened over black. Every frame's
 * delay is read when opening (GIF counts in hundredths of a second; delays under 2 are shown as 10, as browsers
 * do), so the timing is exact before the first frame is decoded. Owns one reader and its stream.
 */
public final class GifSource extends ClipFileSource {

    static final String IMAGE_FORMAT = "javax_imageio_gif_image_1.0";
    static final String STREAM_FORMAT = "javax_imageio_gif_stream_1.0";
    /** The delay browsers use for frames whose delay is 0 or 1 hundredths. */
    static final int BROWSER_DEFAULT_DELAY = 10;

    private final ImageReader reader;
    private final ImageInputStream in;
    private BufferedImage canvas;

    private GifSource(Path file, ImageReader reader, ImageInputStream in, Timing timing, int width, int height) {
        super(file, VideoKind.GIF, width, height, timing);
        this.reader = reader;
        this.in = in;
        this.canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    }

    /** Opens {@code file}, keeping at most {@code maxFrames} frames (all when {@code maxFrames <= 0}). */
    public static GifSource open(Path file, int maxFrames) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("Expected a GIF file at " + file + " but found "
                    + (Files.exists(file) ? "something else" : "nothing"));
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("gif");
        if (!readers.hasNext()) {
            throw new IOException("Expected an ImageIO GIF reader but found none");
        }
        ImageReader reader = readers.next();
        ImageInputStream in = ImageIO.createImageInputStream(file.toFile());
        try {
            reader.setInput(in, false);
            int all = reader.getNumImages(true);
            if (all < 1) {
                throw new IOException("Expected at least one frame in GIF " + file + " but found none");
            }
            int n = maxFrames > 0 ? Math.min(maxFrames, all) : all;
            long[] pts = new long[n];
            long t = 0;
            for (int i = 0; i < n; i++) {
                pts[i] = t;
                t += delay(reader.getImageMetadata(i));
            }
            int[] screen = logicalScreen(reader.getStreamMetadata(), reader.getWidth(0), reader.getHeight(0));
            Timing timing = new Timing(pts, t, 1, 100, n * 100.0 / t);
            return new GifSource(file, reader, in, timing, screen[0], screen[1]);
        } catch (IOException | RuntimeException e) {
            reader.dispose();
            in.close();
            if (e instanceof IOException io && io.getMessage() != null && io.getMessage().startsWith("Expected")) {
                throw io;
            }
            throw new IOException("Expected a readable animated GIF at " + file + " but decoding failed: "
                    + e.getMessage(), e);
        }
    }

    /** A frame's delay in hundredths of a second, as browsers show it. */
    private static int delay(IIOMetadata meta) {
        IIOMetadataNode gce = child(meta.getAsTree(IMAGE_FORMAT), "GraphicControlExtension");
        int d = intAttr(gce, "delayTime", 0);
        return d < 2 ? BROWSER_DEFAULT_DELAY : d;
    }

    @Override
    BufferedImage decode(int read) {
        try {
            BufferedImage img = reader.read(read);
            Node meta = reader.getImageMetadata(read).getAsTree(IMAGE_FORMAT);
            IIOMetadataNode desc = child(meta, "ImageDescriptor");
            IIOMetadataNode gce = child(meta, "GraphicControlExtension");
            int left = intAttr(desc, "imageLeftPosition", 0);
            int top = intAttr(desc, "imageTopPosition", 0);
            String disposal = gce == null ? "none" : gce.getAttribute("disposalMethod");
            BufferedImage saved = "restoreToPrevious".equals(disposal)
                    ? Frames.copy(canvas, BufferedImage.TYPE_INT_ARGB) : null;
            BufferedImage frame;
            Graphics2D g = canvas.createGraphics();
            try {
                g.drawImage(img, left, top, null);
                frame = flatten(canvas);
                if ("restoreToBackgroundColor".equals(disposal)) {
                    g.setComposite(AlphaComposite.Clear);
                    g.fillRect(left, top, img.getWidth(), img.getHeight());
                }
            } finally {
                g.dispose();
            }
            if (saved != null) {
                canvas = saved;
            }
            return frame;
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("Expected to decode frame " + read + " of GIF " + path()
                    + " but found: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("Expected a readable animated GIF at " + path()
                    + " but decoding frame " + read + " failed: " + e.getMessage(), e));
        }
    }

    @Override
    void release() {
        canvas = null;
        reader.dispose();
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] logicalScreen(IIOMetadata stream, int w, int h) {
        if (stream != null) {
            IIOMetadataNode lsd = child(stream.getAsTree(STREAM_FORMAT), "LogicalScreenDescriptor");
            w = Math.max(1, intAttr(lsd, "logicalScreenWidth", w));
            h = Math.max(1, intAttr(lsd, "logicalScreenHeight", h));
        }
        return new int[] {w, h};
    }

    /** The canvas as opaque RGB over black (GIF transparency shows the page; a video frame has none). */
    private static BufferedImage flatten(BufferedImage canvas) {
        BufferedImage out = new BufferedImage(canvas.getWidth(), canvas.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.drawImage(canvas, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    static IIOMetadataNode child(Node parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeName().equals(name)) {
                return (IIOMetadataNode) n;
            }
        }
        return null;
    }

    static int intAttr(IIOMetadataNode node, String name, int fallback) {
        if (node == null) {
            return fallback;
        }
        String v = node.getAttribute(name);
        try {
            return v == null || v.isEmpty() ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
