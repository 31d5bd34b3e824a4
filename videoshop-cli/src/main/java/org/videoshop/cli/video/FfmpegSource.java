package org.videoshop.cli.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * A video file read frame by frame through FFmpeg. Opening counts and times the video stream's packets without
 * decoding them (one pass over the file's packets), so the frame count and every frame's presentation time are
 * known before the first frame is decoded; frames are then decoded in display order, one at a time, turned
 * upright when the stream carries a display rotation (phone videos). Owns one grabber.
 */
public final class FfmpegSource extends ClipFileSource {

    private final int rotation;
    private FFmpegFrameGrabber grabber;
    private BufferedImage last;

    private FfmpegSource(Path file, Timing timing, int rotation, int width, int height, FFmpegFrameGrabber grabber) {
        super(file, VideoKind.FFMPEG, width, height, timing);
        this.rotation = rotation;
        this.grabber = grabber;
    }

    /** Opens {@code file}, keeping at most {@code maxFrames} frames (all when {@code maxFrames <= 0}). */
    public static FfmpegSource open(Path file, int maxFrames) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("Expected a video file at " + file + " but found "
                    + (Files.exists(file) ? "something else" : "nothing"));
        }
        Timing timing = scan(file, maxFrames);
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
        try {
            g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            g.start();
            int rotation = Orientation.quarterTurns(-g.getDisplayRotation());
            boolean swap = (rotation & 1) == 1;
            int w = swap ? g.getImageHeight() : g.getImageWidth();
            int h = swap ? g.getImageWidth() : g.getImageHeight();
            if (w <= 0 || h <= 0) {
                throw new IOException("Expected a video stream with a frame size in " + file + " but found "
                        + g.getImageWidth() + "x" + g.getImageHeight());
            }
            return new FfmpegSource(file, timing, rotation, w, h, g);
        } catch (FrameGrabber.Exception e) {
            closeQuietly(g);
            throw new IOException("Expected a video FFmpeg can decode at " + file + " but found: " + e.getMessage(),
                    e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(g);
            throw e;
        }
    }

    /** The presentation times of the video stream's packets, sorted into display order. */
    static Timing scan(Path file, int maxFrames) throws IOException {
        try (Demuxer in = new Demuxer(file)) {
            int v = in.videoIndex();
            if (v < 0) {
                throw new IOException("Expected a video stream in " + file + " but found none (audio only?)");
            }
            AVStream st = in.stream(v);
            int num = st.time_base().num();
            int den = st.time_base().den();
            double fps = rate(st);
            long[] times = new long[256];
            int n = 0;
            long end = Long.MIN_VALUE;
            AVPacket p;
            while ((p = in.next()) != null) {
                if (p.stream_index() != v) {
                    continue;
                }
                long t = Demuxer.time(p);
                if (t == avutil.AV_NOPTS_VALUE) {
                    t = n == 0 ? 0 : times[n - 1] + 1;
                }
                if (n == times.length) {
                    times = Arrays.copyOf(times, n * 2);
                }
                times[n++] = t;
                end = Math.max(end, t + Math.max(0, p.duration()));
            }
            if (n == 0) {
                throw new IOException("Expected at least one video frame in " + file + " but found none");
            }
            long[] pts = Arrays.copyOf(times, n);
            Arrays.sort(pts);
            for (int i = 1; i < n; i++) {
                pts[i] = Math.max(pts[i], pts[i - 1] + 1); // equal times (broken muxers) still get an order
            }
            long typical = n > 1 ? Math.max(1, (pts[n - 1] - pts[0]) / (n - 1))
                    : Math.max(1, Math.round(den / (num * fps)));
            end = Math.max(end, pts[n - 1] + 1);
            if (end == pts[n - 1] + 1 && typical > 1) {
                end = pts[n - 1] + typical; // no packet durations: the last frame lasts as long as the others
            }
            if (fps <= 0) {
                fps = n / ((end - pts[0]) * (double) num / den);
            }
            Timing all = new Timing(pts, end, num, den, fps);
            return maxFrames > 0 ? all.first(maxFrames) : all;
        }
    }

    private static double rate(AVStream st) {
        double avg = avutil.av_q2d(st.avg_frame_rate());
        if (avg > 0 && Double.isFinite(avg)) {
            return avg;
        }
        double r = avutil.av_q2d(st.r_frame_rate());
        return r > 0 && Double.isFinite(r) ? r : 0;
    }

    @Override
    BufferedImage decode(int read) {
        BufferedImage img = null;
        try {
            Frame frame = grabber.grabImage();
            if (frame != null) {
                img = Orientation.rotate(FfmpegVideo.toImage(frame), rotation);
            }
        } catch (FrameGrabber.Exception e) {
            throw new UncheckedIOException(new IOException("Expected to decode frame " + read + " of " + path()
                    + " but FFmpeg found: " + e.getMessage(), e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (img == null) {
            // The container counted a packet the decoder gave no picture for: show the last one for its time
            // (a copy of what the caller was given, which it owns).
            if (last == null) {
                throw new UncheckedIOException(new IOException("Expected at least one decodable video frame in "
                        + path() + " but decoded none"));
            }
            img = Frames.toRgb(last);
        } else if (img.getWidth() != width() || img.getHeight() != height()) {
            throw new UncheckedIOException(new IOException("Expected every frame of " + path() + " to be " + width()
                    + "x" + height() + " but frame " + read + " is " + img.getWidth() + "x" + img.getHeight()));
        }
        last = img;
        return img;
    }

    @Override
    void release() {
        last = null;
        FFmpegFrameGrabber g = grabber;
        grabber = null;
        try {
            g.stop();
            g.release();
        } catch (FrameGrabber.Exception e) {
            throw new UncheckedIOException(new IOException("Could not close " + path() + ": " + e.getMessage(), e));
        } finally {
            closeQuietly(g);
        }
    }

    private static void closeQuietly(FFmpegFrameGrabber g) {
        try {
            g.close();
        } catch (FrameGrabber.Exception | RuntimeException ignored) {
            // already failing or closed
        }
    }
}
