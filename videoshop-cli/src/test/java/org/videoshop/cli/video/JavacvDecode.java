package org.videoshop.cli.video;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/** An independent decode with JavaCV's grabber, to check the CLI's reader against. */
public final class JavacvDecode {

    private JavacvDecode() {
    }

    /** Frame 0 as JavaCV's grabber decodes it (BGR24, copied from its buffer row by row). */
    public static BufferedImage firstFrame(Path video) throws IOException {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            g.start();
            Frame f = g.grabImage();
            ByteBuffer b = (ByteBuffer) f.image[0];
            BufferedImage img = new BufferedImage(f.imageWidth, f.imageHeight, BufferedImage.TYPE_3BYTE_BGR);
            byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
            for (int y = 0; y < f.imageHeight; y++) {
                b.position(y * f.imageStride);
                b.get(px, y * 3 * f.imageWidth, 3 * f.imageWidth);
            }
            g.stop();
            return img;
        }
    }
}
