package org.videoshop.cli.video;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NOFILE;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR0;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Writes a video file frame by frame with FFmpeg: each frame is encoded at its presentation time (variable
 * rates stay variable, the last frame keeps its duration) and the source's audio stream is copied packet by
 * packet, not re-encoded, when the container can hold its codec. Frames go through a hidden temporary file
 * moved into place by {@link #finish()}. Owns its FFmpeg contexts, frame and buffers, all freed on finish or
 * close.
 */
public final class FfmpegSink implements ClipSink {

    private final AtomicOutput.Pending pending;
    private final Path target;
    private final int width;
    private final int height;
    private final Timing timing;
    private final VideoEncoder encoder;
    private final AVRational timingBase;
    private final Map<Long, Long> durations = new HashMap<>();
    private AVFormatContext output;
    private AVIOContext io;
    private AVStream videoStream;
    private AudioCopy audio;
    private AVFrame picture;
    private SwsContext convert;
    private IntPointer pixels;
    private AVPacket packet;
    private int[] row;
    private int written;
    private long lastPts = Long.MIN_VALUE;
    private boolean done;

    private FfmpegSink(AtomicOutput.Pending pending, int width, int height, Timing timing, VideoEncoder encoder) {
        this.pending = pending;
        this.target = pending.target();
        this.width = width;
        this.height = height;
        this.timing = timing;
        this.encoder = encoder;
        this.timingBase = av_make_q(timing.timeBaseNum(), timing.timeBaseDen());
    }

    /**
     * Starts writing {@code target} (its extension names the container) with frames of {@code width x height}
     * shown as {@code timing} says, copying the audio of {@code audioFrom} (null for none) up to the end of the
     * last frame.
     */
    public static FfmpegSink create(Path target, int width, int height, Timing timing, Path audioFrom)
            throws IOException {
        String muxer = FfmpegVideo.muxerFor(VideoKind.extension(target));
        if (muxer == null) {
            throw new IOException("Expected a video output ending in one of " + FfmpegVideo.extensions()
                    + " but found " + target.getFileName());
        }
        AtomicOutput.Pending pending = AtomicOutput.beginFile(target);
        FfmpegSink sink = null;
        try {
            VideoEncoder enc = VideoEncoder.open(muxer, width, height, timing, target);
            sink = new FfmpegSink(pending, width, height, timing, enc);
            sink.start(muxer, audioFrom);
            return sink;
        } catch (IOException | RuntimeException e) {
            if (sink != null) {
                sink.closeQuietly();
            } else {
                pending.close();
            }
            throw e;
        }
    }

    private void start(String muxer, Path audioFrom) throws IOException {
        String tmp = pending.temporary().toString();
        AVFormatContext oc = new AVFormatContext(null);
        int ret = avformat_alloc_output_context2(oc, null, muxer, tmp);
        if (ret < 0) {
            throw new IOException("Expected FFmpeg's " + muxer + " muxer for " + target.getFileName() + " but found: "
                    + FfmpegErrors.describe(ret));
        }
        output = oc;
        AVCodecContext c = encoder.context();
        videoStream = avformat_new_stream(oc, null);
        check(avcodec_parameters_from_context(videoStream.codecpar(), c), "set up the video stream");
        videoStream.time_base(c.time_base());
        videoStream.avg_frame_rate(c.framerate());
        if (audioFrom != null) {
            audio = AudioCopy.open(audioFrom, oc, timing.toSeconds(timing.end()) , target);
        }
        if ((oc.oformat().flags() & AVFMT_NOFILE) == 0) {
            AVIOContext pb = new AVIOContext(null);
            ret = avio_open(pb, tmp, AVIO_FLAG_WRITE);
            if (ret < 0) {
                throw writeFailure(ret);
            }
            io = pb;
            oc.pb(pb);
        }
        ret = avformat_write_header(oc, (AVDictionary) null);
        if (ret < 0) {
            throw io != null && io.error() < 0 ? writeFailure(io.error()) : new IOException("Expected FFmpeg to"
                    + " start " + target.getFileName() + " but found: " + FfmpegErrors.describe(ret));
        }
        picture = av_frame_alloc();
        picture.format(c.pix_fmt()).width(c.width()).height(c.height());
        check(av_frame_get_buffer(picture, 0), "allocate a picture");
        convert = sws_getContext(c.width(), c.height(), AV_PIX_FMT_BGR0, c.width(), c.height(), c.pix_fmt(),
                SWS_BICUBIC, null, null, (DoublePointer) null);
        if (convert == null) {
            throw new IOException("Expected FFmpeg to convert RGB to " + c.pix_fmt() + " but it cannot");
        }
        pixels = new IntPointer((long) c.width() * c.height());
        row = new int[c.width()];
        packet = av_packet_alloc();
    }

    private void check(int ret, String what) throws IOException {
        if (ret < 0) {
            if (io != null && io.error() < 0) {
                throw writeFailure(io.error());
            }
            throw new IOException("Expected FFmpeg to " + what + " for " + target.getFileName() + " but found: "
                    + FfmpegErrors.describe(ret));
        }
    }

    /** "Could not write out.mp4: No space left on device". */
    private IOException writeFailure(int ret) {
        return new IOException("Could not write " + target + ": " + FfmpegErrors.describe(ret));
    }

    @Override
    public synchronized void write(int index, BufferedImage frame) {
        if (done) {
            throw new IllegalStateException("FfmpegSink of " + target + " is finished or closed");
        }
        ClipSink.checkFrame(index, written, frame, width, height);
        if (index >= timing.frames()) {
            throw new IllegalArgumentException("Expected at most " + timing.frames() + " frames but found frame "
                    + index);
        }
        try {
            fill(frame);
            check(av_frame_make_writable(picture), "prepare a picture");
            PointerPointer<?> src = new PointerPointer<>(1).put(0, pixels);
            IntPointer srcStride = new IntPointer(1).put(0, encoder.context().width() * 4);
            sws_scale(convert, src, srcStride, 0, encoder.context().height(), picture.data(), picture.linesize());
            src.close();
            srcStride.close();
            AVRational eb = encoder.context().time_base();
            long pts = Math.max(av_rescale_q(timing.ptsOf(index), timingBase, eb), lastPts + 1); // coarse bases
            lastPts = pts;
            long duration = Math.max(1, av_rescale_q(timing.durationOf(index), timingBase, eb));
            picture.pts(pts);
            picture.duration(duration);
            durations.put(pts, duration);
            if (audio != null) {
                audio.copyUntil(timing.toSeconds(timing.ptsOf(index)) + 0.5);
            }
            check(avcodec_send_frame(encoder.context(), picture), "encode frame " + index);
            drain();
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the image into the BGR0 buffer, repeating its last column and row where the encoder is larger. */
    private void fill(BufferedImage img) {
        int ew = encoder.context().width();
        int eh = encoder.context().height();
        for (int y = 0; y < eh; y++) {
            img.getRGB(0, Math.min(y, height - 1), width, 1, row, 0, width);
            for (int x = width; x < ew; x++) {
                row[x] = row[width - 1];
            }
            pixels.position((long) y * ew).put(row, 0, ew);
        }
        pixels.position(0);
    }

    private void drain() throws IOException {
        AVCodecContext c = encoder.context();
        while (true) {
            int ret = avcodec_receive_packet(c, packet);
            if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
                return;
            }
            check(ret, "encode video");
            if (packet.duration() <= 0 && packet.pts() != AV_NOPTS_VALUE) {
                Long d = durations.get(packet.pts());
                packet.duration(d == null ? 0 : d);
            }
            durations.remove(packet.pts());
            av_packet_rescale_ts(packet, c.time_base(), videoStream.time_base());
            packet.stream_index(videoStream.index());
            ret = av_interleaved_write_frame(output, packet);
            av_packet_unref(packet);
            if (ret < 0) {
                throw io != null && io.error() < 0 ? writeFailure(io.error()) : writeFailure(ret);
            }
        }
    }

    @Override
    public synchronized VideoIO.Written finish() throws IOException {
        if (done) {
            throw new IllegalStateException("FfmpegSink of " + target + " is finished or closed");
        }
        if (written != timing.frames()) {
            throw new IllegalStateException("Expected " + timing.frames() + " frames before finishing "
                    + target.getFileName() + " but found " + written);
        }
        check(avcodec_send_frame(encoder.context(), null), "flush the encoder");
        drain();
        String audioNote = "";
        if (audio != null) {
            audio.copyUntil(Double.POSITIVE_INFINITY);
            audioNote = audio.note();
        }
        int ret = av_write_trailer(output);
        if (ret < 0 || (io != null && io.error() < 0)) {
            throw writeFailure(io != null && io.error() < 0 ? io.error() : ret);
        }
        if (io != null) {
            ret = avio_closep(io);
            io = null;
            output.pb(null);
            if (ret < 0) {
                throw writeFailure(ret);
            }
        }
        String codec = encoder.name();
        release();
        done = true;
        pending.commit();
        return new VideoIO.Written(target, VideoKind.FFMPEG, codec, written, width, height, timing, audioNote);
    }

    private void release() {
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        if (picture != null) {
            av_frame_free(picture);
            picture = null;
        }
        if (convert != null) {
            sws_freeContext(convert);
            convert = null;
        }
        if (pixels != null) {
            pixels.close();
            pixels = null;
        }
        if (audio != null) {
            audio.close();
            audio = null;
        }
        if (io != null) {
            avio_closep(io);
            io = null;
        }
        if (output != null) {
            output.pb(null);
            avformat_free_context(output);
            output = null;
        }
        encoder.close();
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException | RuntimeException ignored) {
            // already failing
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (!done) {
            done = true;
            try {
                release();
            } finally {
                pending.close();
            }
        }
    }
}
