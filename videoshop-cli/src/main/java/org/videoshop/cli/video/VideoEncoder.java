package org.videoshop.cli.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_format;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_d2q;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

/**
 * An opened FFmpeg video encoder (yuv420p) for one output: H.264 (OpenH264) where the size allows, else MPEG-4
 * Part 2; VP9 or VP8 for WebM. Odd sizes go to an encoder that codes them exactly, so frames come back at their
 * own size. Owns its codec context.
 */
final class VideoEncoder implements AutoCloseable {

    /** Encoders tried per muxer, best first: name and private options. */
    private static final Map<String, List<String>> ENCODERS = Map.of(
            "webm", List.of("libvpx-vp9", "libvpx"),
            "matroska", List.of("libopenh264", "mpeg4", "libvpx-vp9"),
            "mp4", List.of("libopenh264", "mpeg4"),
            "mov", List.of("libopenh264", "mpeg4"),
            "avi", List.of("mpeg4", "libopenh264"));

    private AVCodecContext context;
    private final String name;

    private VideoEncoder(AVCodecContext context, String name) {
        this.context = context;
        this.name = name;
    }

    AVCodecContext context() {
        if (context == null) {
            throw new IllegalStateException("VideoEncoder " + name + " is closed");
        }
        return context;
    }

    /** "h264 (libopenh264)". */
    String name() {
        return name;
    }

    /** Opens the first encoder of the muxer's list that accepts the size and timing. */
    static VideoEncoder open(String muxer, int width, int height, Timing timing, Path target) throws IOException {
        List<String> failures = new ArrayList<>();
        AVOutputFormat format = av_guess_format(muxer, null, null);
        for (String encoder : ENCODERS.getOrDefault(muxer, List.of("mpeg4"))) {
            AVCodec codec = avcodec_find_encoder_by_name(encoder);
            if (codec == null || codec.isNull()) {
                failures.add(encoder + ": not in this FFmpeg build");
                continue;
            }
            boolean even = encoder.equals("libopenh264"); // H.264 4:2:0 cannot crop to an odd size
            if (even && ((width & 1) == 1 || (height & 1) == 1)) {
                failures.add(encoder + ": cannot code the odd size " + width + "x" + height);
                continue;
            }
            AVCodecContext c = avcodec_alloc_context3(codec);
            configure(c, muxer, encoder, width, height, timing, format);
            AVDictionary options = new AVDictionary(null);
            if (encoder.startsWith("libvpx")) {
                av_dict_set(options, "deadline", "realtime", 0);
                av_dict_set(options, "cpu-used", "8", 0);
            }
            int ret = avcodec_open2(c, codec, options);
            av_dict_free(options);
            if (ret >= 0) {
                String id = org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name(codec.id()).getString();
                return new VideoEncoder(c, encoder.equals(id) ? id : id + " (" + encoder + ")");
            }
            avcodec_free_context(c);
            failures.add(encoder + ": " + FfmpegErrors.describe(ret));
        }
        throw new IOException("Expected FFmpeg to open a video encoder for " + target.getFileName() + " ("
                + width + "x" + height + ") but found " + String.join("; ", failures));
    }

    private static void configure(AVCodecContext c, String muxer, String encoder, int width, int height,
                                  Timing timing, AVOutputFormat format) {
        double fps = timing.nominalFps();
        c.width(width);
        c.height(height);
        c.pix_fmt(AV_PIX_FMT_YUV420P);
        // AVI stores one frame per tick of its time base (it fills gaps with empty frames): tick at the frame rate.
        // MPEG-4 Part 2 allows time base denominators up to 65535: use 1/60000 s units for finer ones.
        if (muxer.equals("avi")) {
            c.time_base(org.bytedeco.ffmpeg.global.avutil.av_inv_q(av_d2q(fps, 65535)));
        } else if (timing.timeBaseDen() > 65535 && encoder.equals("mpeg4")) {
            c.time_base(av_make_q(1, 60000));
        } else {
            c.time_base(av_make_q(timing.timeBaseNum(), timing.timeBaseDen()));
        }
        c.framerate(av_d2q(fps, 100000));
        c.gop_size(Math.max(1, (int) Math.round(fps * 2)));
        // Generous bitrate: compression artefacts should not hide the edit.
        long bits = Math.max(2_000_000L, Math.min(50_000_000L, (long) (width * (long) height * fps * 4)));
        c.bit_rate(bits);
        if (encoder.equals("mpeg4")) {
            c.flags(c.flags() | org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_QSCALE);
            c.global_quality(2 * org.bytedeco.ffmpeg.global.avutil.FF_QP2LAMBDA);
        }
        c.thread_count(0);
        if (format != null && (format.flags() & AVFMT_GLOBALHEADER) != 0) {
            c.flags(c.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
    }

    @Override
    public void close() {
        if (context != null) {
            avcodec_free_context(context);
            context = null;
        }
    }
}
