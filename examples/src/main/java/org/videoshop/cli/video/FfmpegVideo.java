package org.videoshop.cli.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Video files through JavaCV's FFmpeg. Reading decodes any container and codec FFmpeg knows, in display order
 * (B-frames reordered by the decoder), with the stream's frame rate. Writing encodes H.264 (yuv420p) where the
 * FFmpeg build has an encoder for it, else MPEG-4 Part 2. Every grabber, recorder and frame is closed.
 */
public final class FfmpegVideo {

    /** Muxer per writable extension. */
    private static final Map<String, String> MUXERS = Map.of("mp4", "mp4", "mov", "mov", "mkv", "matroska",
            "avi", "avi", "m4v", "mp4");

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

    /** Routes FFmpeg's own log lines to stderr at the given level (e.g. for --verbose). */
    public static void logNativeMessages(boolean verbose) {
        avutil.av_log_set_level(verbose ? avutil.AV_LOG_INFO : avutil.AV_LOG_FATAL);
        if (verbose) {
            FFmpegLogCallback.set();
        }
    }

    /** Reads up to {@code maxFrames} frames (all when {@code maxFrames <= 0}) in display order. */
    public static Clip read(Path file, int maxFrames) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("Expected a video file at " + file + " but found "
                    + (Files.exists(file) ? "something else" : "nothing"));
        }
        List<BufferedImage> frames = new ArrayList<>();
        double fps;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            grabber.start();
            if (!grabber.hasVideo()) {
                throw new IOException("Expected a video stream in " + file + " but found none (audio only?)");
            }
            fps = grabber.getFrameRate();
            Frame frame;
            while ((maxFrames <= 0 || frames.size() < maxFrames) && (frame = grabber.grabImage()) != null) {
                frames.add(toImage(frame)); // a copy: the grabber reuses the frame's buffer

            }
            grabber.stop();
        } catch (FrameGrabber.Exception e) {
            throw new IOException("Expected a video FFmpeg can decode at " + file + " but found: " + e.getMessage(),
                    e);
        }
        if (frames.isEmpty()) {
            throw new IOException("Expected at least one video frame in " + file + " but decoded none");
        }
        return new Clip(frames, fps > 0 && Double.isFinite(fps) ? fps : null);
    }

    /**
     * Writes the frames at {@code fps}; returns the name of the codec used. Frames of odd width or height get
     * their last column or row repeated, as yuv420p needs even sizes.
     */
    public static String write(Clip clip, double fps, Path file) throws IOException {
        String muxer = muxerFor(VideoKind.extension(file));
        if (muxer == null) {
            throw new IOException("Expected a video output ending in one of " + MUXERS.keySet() + " but found "
                    + file.getFileName());
        }
        String[] codec = new String[1];
        AtomicOutput.writeFile(file, tmp -> {
            try {
                codec[0] = encode(clip, fps, muxer, tmp, avcodec.AV_CODEC_ID_H264);
            } catch (FrameRecorder.Exception h264Failed) {
                try {
                    codec[0] = encode(clip, fps, muxer, tmp, avcodec.AV_CODEC_ID_MPEG4);
                } catch (FrameRecorder.Exception e) {
                    e.addSuppressed(h264Failed);
                    throw new IOException("Expected FFmpeg to encode " + file.getFileName() + " with H.264 or MPEG-4"
                            + " but both failed: " + e.getMessage(), e);
                }
            }
        });
        return codec[0];
    }

    private static String encode(Clip clip, double fps, String muxer, Path file, int codecId)
            throws FrameRecorder.Exception {
        int w = clip.width() + (clip.width() & 1);
        int h = clip.height() + (clip.height() & 1);
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), w, h, 0);
             Frame frame = new Frame(w, h, Frame.DEPTH_UBYTE, 3)) {
            recorder.setFormat(muxer);
            recorder.setVideoCodec(codecId);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(fps);
            recorder.setGopSize(Math.max(1, (int) Math.round(fps * 2)));
            // Generous bitrate: the clips are short, and compression artefacts should not hide the edit.
            long bits = Math.max(2_000_000L, Math.min(50_000_000L, (long) (w * (long) h * fps * 4)));
            recorder.setVideoBitrate((int) bits);
            if (codecId == avcodec.AV_CODEC_ID_MPEG4) {
                recorder.setVideoQuality(2);
            }
            if (muxer.equals("mp4") || muxer.equals("mov")) {
                recorder.setOption("movflags", "+faststart");
            }
            recorder.start();
            for (BufferedImage img : clip.frames()) {
                fillBgr(frame, img);
                recorder.record(frame, avutil.AV_PIX_FMT_BGR24);
            }
            recorder.stop();
            AVCodec encoder = avcodec.avcodec_find_encoder(codecId);
            return encoder != null && encoder.name() != null ? encoder.name().getString()
                    : avcodec.avcodec_get_name(codecId).getString();
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
        ByteBuffer buf = (ByteBuffer) frame.image[0];
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            int base = y * frame.imageStride;
            for (int x = 0; x < w; x++) {
                int i = base + 3 * x;
                row[x] = ((buf.get(i + 2) & 0xff) << 16) | ((buf.get(i + 1) & 0xff) << 8) | (buf.get(i) & 0xff);
            }
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    /** Fills a BGR24 frame from an image, repeating the image's last column and row where the frame is larger. */
    static void fillBgr(Frame frame, BufferedImage src) {
        int w = frame.imageWidth;
        int h = frame.imageHeight;
        int sw = src.getWidth();
        int sh = src.getHeight();
        ByteBuffer buf = (ByteBuffer) frame.image[0];
        int[] row = new int[sw];
        for (int y = 0; y < h; y++) {
            src.getRGB(0, Math.min(y, sh - 1), sw, 1, row, 0, sw);
            int base = y * frame.imageStride;
            for (int x = 0; x < w; x++) {
                int p = row[Math.min(x, sw - 1)];
                int i = base + 3 * x;
                buf.put(i, (byte) p);
                buf.put(i + 1, (byte) (p >> 8));
                buf.put(i + 2, (byte) (p >> 16));
            }
        }
    }
}
