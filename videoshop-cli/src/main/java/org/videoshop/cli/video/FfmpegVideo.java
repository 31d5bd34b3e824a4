package org.videoshop.cli.video;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;

/**
 * What the command line's FFmpeg readers and writers share: the containers it writes, FFmpeg's log level, and the
 * conversion of decoded frames to images. Reading is {@link FfmpegSource}, writing {@link FfmpegSink}.
 */
public final class FfmpegVideo {

    /** Muxer per writable extension. */
    private static final Map<String, String> MUXERS = Map.of("mp4", "mp4", "mov", "mov", "mkv", "matroska",
            "avi", "avi", "m4v", "mp4", "webm", "webm");

    static {
        // FFmpeg's own messages duplicate the exceptions' text; --verbose turns them on.
        avutil.av_log_set_level(avutil.AV_LOG_FATAL);
    }

    private FfmpegVideo() {
    }

    /** The FFmpeg muxer for an output extension, or null when the extension is not writable. */
    public static String muxerFor(String extension) {
        return MUXERS.get(extension.toLowerCase(Locale.ROOT));
    }

    /** The writable extensions, sorted. */
    public static List<String> extensions() {
        return MUXERS.keySet().stream().sorted().toList();
    }

    /** Routes FFmpeg's own log lines to stderr at the given level (e.g. for --verbose). */
    public static void logNativeMessages(boolean verbose) {
        avutil.av_log_set_level(verbose ? avutil.AV_LOG_INFO : avutil.AV_LOG_FATAL);
        if (verbose) {
            FFmpegLogCallback.set();
        }
    }

    /**
     * Copies a packed BGR24 frame (rows {@code imageStride} bytes apart) into a new RGB image. The frame's
     * {@code imageChannels} is not trusted: JavaCV derives it from the padded stride (4 or 5 for narrow frames).
     */
    static BufferedImage toImage(Frame frame) throws IOException {
        if (frame.imageDepth != Frame.DEPTH_UBYTE || frame.imageStride < 3 * frame.imageWidth) {
            throw new IOException("Expected 8-bit BGR frames with rows of at least " + 3 * frame.imageWidth
                    + " bytes from the decoder but found depth " + frame.imageDepth + " and rows of "
                    + frame.imageStride + " bytes");
        }
        int w = frame.imageWidth;
        int h = frame.imageHeight;
        ByteBuffer buf = ((ByteBuffer) frame.image[0]).duplicate();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] px = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        byte[] row = new byte[3 * w];
        for (int y = 0; y < h; y++) {
            buf.position(y * frame.imageStride);
            buf.get(row, 0, 3 * w);
            int o = y * w;
            for (int x = 0, i = 0; x < w; x++, i += 3) {
                px[o + x] = ((row[i + 2] & 0xff) << 16) | ((row[i + 1] & 0xff) << 8) | (row[i] & 0xff);
            }
        }
        return out;
    }
}
