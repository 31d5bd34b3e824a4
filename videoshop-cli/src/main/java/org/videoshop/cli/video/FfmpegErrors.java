package org.videoshop.cli.video;

import java.nio.charset.StandardCharsets;
import org.bytedeco.ffmpeg.global.avutil;

/** FFmpeg's error codes as the words the system uses ("No space left on device", "Permission denied"). */
final class FfmpegErrors {

    private FfmpegErrors() {
    }

    /** The error's description, e.g. "No space left on device". */
    static String describe(int error) {
        byte[] buf = new byte[256];
        if (avutil.av_strerror(error, buf, buf.length) < 0) {
            return "FFmpeg error " + error;
        }
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }
}
