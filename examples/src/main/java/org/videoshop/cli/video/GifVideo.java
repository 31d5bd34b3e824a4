package org.videoshop.cli.video;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.w3c.dom.Node;

/**
 * Animated GIFs through ImageIO. Reading composites each frame onto the logical screen as a browser does
 * (frame offsets, transparency, the three disposal methods) and takes the frame rate from the first frame's
 * delay. Writing quantises each frame to its own 256-colour palette, sets the delay from the frame rate (GIF
 * counts in hundredths of a second) and loops forever.
 */
public final class GifVideo {

    private static final String IMAGE_FORMAT = "javax_imageio_gif_image_1.0";
    private static final String STREAM_FORMAT = "javax_imageio_gif_stream_1.0";

    private GifVideo() {
    }

    /** Reads up to {@code maxFrames} composited frames (all when {@code maxFrames <= 0}). */
    public static Clip read(Path file, int maxFrames) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("Expected a GIF file at " + file + " but found "
                    + (Files.exists(file) ? "something else" : "nothing"));
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("gif");
        if (!readers.hasNext()) {
            throw new IOException("Expected an ImageIO GIF reader but found none");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in, false);
            int count = reader.getNumImages(true);
            if (count < 1) {
                throw new IOException("Expected at least one frame in GIF " + file + " but found none");
            }
            int n = maxFrames > 0 ? Math.min(maxFrames, count) : count;
            BufferedImage first = reader.read(0);
            int[] screen = logicalScreen(reader.getStreamMetadata(), first);
            BufferedImage canvas = new BufferedImage(screen[0], screen[1], BufferedImage.TYPE_INT_ARGB);
            List<BufferedImage> frames = new ArrayList<>(n);
            Double fps = null;
            for (int i = 0; i < n; i++) {
                BufferedImage img = i == 0 ? first : reader.read(i);
                Node meta = reader.getImageMetadata(i).getAsTree(IMAGE_FORMAT);
                IIOMetadataNode desc = child(meta, "ImageDescriptor");
                IIOMetadataNode gce = child(meta, "GraphicControlExtension");
                int left = intAttr(desc, "imageLeftPosition", 0);
                int top = intAttr(desc, "imageTopPosition", 0);
                String disposal = gce == null ? "none" : gce.getAttribute("disposalMethod");
                if (i == 0 && gce != null) {
                    int delay = intAttr(gce, "delayTime", 0);
                    fps = delay > 0 ? 100.0 / delay : null;
                }
                BufferedImage saved = "restoreToPrevious".equals(disposal) ? Frames.copy(canvas,
                        BufferedImage.TYPE_INT_ARGB) : null;
                Graphics2D g = canvas.createGraphics();
                try {
                    g.drawImage(img, left, top, null);
                    frames.add(flatten(canvas));
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
            }
            return new Clip(frames, fps);
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IOException("Expected a readable animated GIF at " + file + " but decoding failed: "
                    + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    /** Writes the frames as a looping GIF with a delay of {@code round(100 / fps)} hundredths (at least 2). */
    public static void write(Clip clip, double fps, Path file) throws IOException {
        AtomicOutput.writeFile(file, tmp -> writeTo(clip, fps, tmp));
    }

    private static void writeTo(Clip clip, double fps, Path file) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) {
            throw new IOException("Expected an ImageIO GIF writer but found none");
        }
        ImageWriter writer = writers.next();
        int delay = Math.max(2, (int) Math.round(100.0 / fps));
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < clip.size(); i++) {
                BufferedImage img = Frames.toRgb(clip.frames().get(i));
                IIOMetadata meta = writer.getDefaultImageMetadata(
                        ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_INT_RGB), null);
                IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(IMAGE_FORMAT);
                IIOMetadataNode gce = childOrNew(root, "GraphicControlExtension");
                gce.setAttribute("disposalMethod", "none");
                gce.setAttribute("userInputFlag", "FALSE");
                gce.setAttribute("transparentColorFlag", "FALSE");
                gce.setAttribute("delayTime", Integer.toString(delay));
                gce.setAttribute("transparentColorIndex", "0");
                if (i == 0) {
                    IIOMetadataNode apps = childOrNew(root, "ApplicationExtensions");
                    IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
                    loop.setAttribute("applicationID", "NETSCAPE");
                    loop.setAttribute("authenticationCode", "2.0");
                    loop.setUserObject(new byte[] {1, 0, 0}); // sub-block 1: loop count 0 = forever
                    apps.appendChild(loop);
                }
                meta.setFromTree(IMAGE_FORMAT, root);
                writer.writeToSequence(new IIOImage(img, null, meta), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    private static int[] logicalScreen(IIOMetadata stream, BufferedImage first) {
        int w = first.getWidth();
        int h = first.getHeight();
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

    private static IIOMetadataNode child(Node parent, String name) {
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

    private static IIOMetadataNode childOrNew(IIOMetadataNode parent, String name) {
        IIOMetadataNode n = child(parent, name);
        if (n == null) {
            n = new IIOMetadataNode(name);
            parent.appendChild(n);
        }
        return n;
    }

    private static int intAttr(IIOMetadataNode node, String name, int fallback) {
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
