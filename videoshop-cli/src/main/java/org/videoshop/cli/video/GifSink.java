package org.videoshop.cli.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes an animated GIF frame by frame through ImageIO: each frame quantised to its own 256-colour palette,
 * shown for as long as {@code timing} says (GIF counts in hundredths of a second; rounding errors are carried so
 * the total duration stays right), looping forever. Owns the writer and its stream until finished or closed.
 */
public final class GifSink extends ClipFileSink {

    private ImageWriter writer;
    private ImageOutputStream out;
    private long shownCentis;

    private GifSink(AtomicOutput.Pending pending, int width, int height, Timing timing) {
        super(pending, VideoKind.GIF, "gif", width, height, timing);
    }

    /** Starts writing {@code target} with frames of {@code width x height} shown as {@code timing} says. */
    public static GifSink create(Path target, int width, int height, Timing timing) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) {
            throw new IOException("Expected an ImageIO GIF writer but found none");
        }
        AtomicOutput.Pending pending = AtomicOutput.beginFile(target);
        GifSink sink = new GifSink(pending, width, height, timing);
        try {
            sink.writer = writers.next();
            sink.out = ImageIO.createImageOutputStream(pending.temporary().toFile());
            if (sink.out == null) {
                throw new IOException("Could not write " + target + ": no output stream for it");
            }
            sink.writer.setOutput(sink.out);
            sink.writer.prepareWriteSequence(null);
            return sink;
        } catch (IOException | RuntimeException e) {
            sink.close();
            throw VideoIO.writeFailure(target, e);
        }
    }

    /** Hundredths of a second frame {@code i} is shown, so that the frames so far end where the timing says. */
    private int delayOf(int i) {
        Timing timing = timing();
        long endCentis = Math.round(timing.toSeconds(timing.ptsOf(i) + timing.durationOf(i) - timing.ptsOf(0)) * 100);
        int delay = (int) Math.max(2, endCentis - shownCentis); // browsers show delays under 2 as 10
        shownCentis += delay;
        return delay;
    }

    @Override
    void encode(int index, BufferedImage frame) throws IOException {
        BufferedImage img = frame.getType() == BufferedImage.TYPE_INT_RGB ? frame : Frames.toRgb(frame);
        IIOMetadata meta = writer.getDefaultImageMetadata(
                ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_INT_RGB), null);
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(GifSource.IMAGE_FORMAT);
        IIOMetadataNode gce = childOrNew(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(delayOf(index)));
        gce.setAttribute("transparentColorIndex", "0");
        if (index == 0) {
            IIOMetadataNode apps = childOrNew(root, "ApplicationExtensions");
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            loop.setUserObject(new byte[] {1, 0, 0}); // sub-block 1: loop count 0 = forever
            apps.appendChild(loop);
        }
        meta.setFromTree(GifSource.IMAGE_FORMAT, root);
        writer.writeToSequence(new IIOImage(img, null, meta), null);
    }

    private static IIOMetadataNode childOrNew(IIOMetadataNode parent, String name) {
        IIOMetadataNode n = GifSource.child(parent, name);
        if (n == null) {
            n = new IIOMetadataNode(name);
            parent.appendChild(n);
        }
        return n;
    }

    @Override
    void complete() throws IOException {
        writer.endWriteSequence();
        out.close();
        out = null;
        writer.dispose();
        writer = null;
    }

    @Override
    void abandon() {
        try {
            if (writer != null) {
                writer.dispose();
            }
            if (out != null) {
                out.close();
            }
        } catch (IOException ignored) {
            // abandoning the output anyway
        }
    }
}
