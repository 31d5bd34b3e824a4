package org.videoshop.cli.video;

import static org.bytedeco.ffmpeg.global.avcodec.FF_COMPLIANCE_NORMAL;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_query_codec;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Copies a source's audio stream into an output being muxed, packet by packet (no re-encoding), interleaved with
 * the video as it is written, and cut where the video ends. Owns its demuxer and the one packet it holds back.
 */
final class AudioCopy implements AutoCloseable {

    private final Demuxer in;
    private final int index;
    private final AVFormatContext output;
    private final AVStream stream;
    private final double endSeconds;
    private final double inBase;
    private final String codec;
    private final Path target;
    private final AVRational inTimeBase;
    private AVPacket held;
    private boolean exhausted;
    private int copied;

    private AudioCopy(Demuxer in, int index, AVFormatContext output, AVStream stream, double endSeconds,
                      String codec, Path target) {
        this.in = in;
        this.index = index;
        this.output = output;
        this.stream = stream;
        this.endSeconds = endSeconds;
        this.inTimeBase = in.stream(index).time_base();
        this.inBase = av_q2d(inTimeBase);
        this.codec = codec;
        this.target = target;
    }

    /**
     * The audio of {@code source} added as a stream of {@code output} (before its header is written), or null
     * when the source has no audio. When the container cannot hold the codec, returns a copy that copies nothing
     * and says so in {@link #note()}.
     */
    static AudioCopy open(Path source, AVFormatContext output, double endSeconds, Path target) throws IOException {
        Demuxer in = new Demuxer(source);
        try {
            int a = in.audioIndex();
            if (a < 0) {
                in.close();
                return null;
            }
            AVStream src = in.stream(a);
            int id = src.codecpar().codec_id();
            String codec = avcodec_get_name(id).getString();
            if (avformat_query_codec(output.oformat(), id, FF_COMPLIANCE_NORMAL) != 1) {
                AudioCopy none = new AudioCopy(in, a, output, null, endSeconds, codec, target);
                none.exhausted = true;
                return none;
            }
            AVStream st = avformat_new_stream(output, null);
            int ret = avcodec_parameters_copy(st.codecpar(), src.codecpar());
            if (ret < 0) {
                throw new IOException("Expected to copy the " + codec + " audio of " + source.getFileName()
                        + " but found: " + FfmpegErrors.describe(ret));
            }
            st.codecpar().codec_tag(0);
            st.time_base(src.time_base());
            return new AudioCopy(in, a, output, st, endSeconds, codec, target);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Copies every audio packet that starts before {@code seconds} (and before the video ends). */
    void copyUntil(double seconds) throws IOException {
        while (!exhausted) {
            if (held == null) {
                AVPacket p;
                do {
                    p = in.next();
                } while (p != null && p.stream_index() != index);
                if (p == null) {
                    exhausted = true;
                    return;
                }
                held = av_packet_clone(p);
            }
            long t = Demuxer.time(held);
            double at = t == AV_NOPTS_VALUE ? 0 : t * inBase;
            if (at >= endSeconds) {
                exhausted = true; // the video ends here: the rest of the audio goes too
                free();
                return;
            }
            if (at > seconds) {
                return;
            }
            av_packet_rescale_ts(held, inTimeBase, stream.time_base());
            held.stream_index(stream.index());
            held.pos(-1);
            int ret = av_interleaved_write_frame(output, held);
            free();
            if (ret < 0) {
                throw new IOException("Could not write " + target + ": " + FfmpegErrors.describe(
                        output.pb() != null && output.pb().error() < 0 ? output.pb().error() : ret));
            }
            copied++;
        }
    }

    /** "audio aac copied", or why the audio was not kept. */
    String note() {
        if (stream == null) {
            return "audio not kept: ." + VideoKind.extension(target) + " cannot hold " + codec + " audio (.mkv can)";
        }
        return copied > 0 ? "audio " + codec + " copied" : "audio " + codec + " empty";
    }

    private void free() {
        if (held != null) {
            av_packet_free(held);
            held = null;
        }
    }

    @Override
    public void close() {
        free();
        in.close();
    }
}
