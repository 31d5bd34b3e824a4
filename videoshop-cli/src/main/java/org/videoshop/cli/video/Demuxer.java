package org.videoshop.cli.video;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

/**
 * A media file opened with FFmpeg's demuxer, read packet by packet without decoding: used to count and time a
 * video's frames before decoding any, and to copy its audio packets into an output. Owns its native context and
 * one packet; closing twice is harmless.
 */
final class Demuxer implements AutoCloseable {

    private final Path file;
    private AVFormatContext context;
    private AVPacket packet;
    private final int videoIndex;
    private final int audioIndex;

    Demuxer(Path file) throws IOException {
        this.file = file;
        AVFormatContext ctx = new AVFormatContext(null);
        // An absolute path: FFmpeg would read "name:..." as a protocol.
        int ret = avformat_open_input(ctx, file.toAbsolutePath().toString(), null, (AVDictionary) null);
        if (ret < 0) {
            throw new IOException("Expected a video FFmpeg can decode at " + file + " but found: "
                    + FfmpegErrors.describe(ret));
        }
        context = ctx;
        packet = av_packet_alloc();
        ret = avformat_find_stream_info(ctx, (AVDictionary) null);
        if (ret < 0) {
            close();
            throw new IOException("Expected a video FFmpeg can decode at " + file + " but found: "
                    + FfmpegErrors.describe(ret));
        }
        videoIndex = av_find_best_stream(ctx, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
        audioIndex = av_find_best_stream(ctx, AVMEDIA_TYPE_AUDIO, -1, videoIndex, (AVCodec) null, 0);
    }

    /** The index of the main video stream, or a negative number when there is none. */
    int videoIndex() {
        return videoIndex;
    }

    /** The index of the main audio stream, or a negative number when there is none. */
    int audioIndex() {
        return audioIndex;
    }

    AVStream stream(int index) {
        ensureOpen();
        return context.streams(index);
    }

    /** The next packet of any stream (owned by this demuxer, valid until the next call), or null at the end. */
    AVPacket next() throws IOException {
        ensureOpen();
        av_packet_unref(packet);
        int ret = av_read_frame(context, packet);
        if (ret < 0) {
            if (ret == org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF) {
                return null;
            }
            throw new IOException("Expected to read " + file + " to its end but FFmpeg found: "
                    + FfmpegErrors.describe(ret));
        }
        return packet;
    }

    /** A packet's presentation time, or its decoding time when it has none. */
    static long time(AVPacket p) {
        return p.pts() != AV_NOPTS_VALUE ? p.pts() : p.dts();
    }

    private void ensureOpen() {
        if (context == null) {
            throw new IllegalStateException("Demuxer of " + file + " is closed");
        }
    }

    @Override
    public void close() {
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        if (context != null) {
            avformat_close_input(context);
            context = null;
        }
    }
}
