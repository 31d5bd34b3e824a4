package org.videoshop.cli.video;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The kinds of clip the command line reads and writes, told apart by the path's extension. */
public enum VideoKind {
    /** A container FFmpeg reads (MP4, MOV, MKV, AVI, WebM...); written as MP4, MOV, MKV, AVI or WebM. */
    FFMPEG,
    /** An animated GIF. */
    GIF,
    /** A folder of numbered PNG frames ({@code frame_0000.png, frame_0001.png, ...}). */
    PNG_FOLDER;

    /** The kind of an input: a folder is a PNG folder, {@code .gif} a GIF, any other file goes to FFmpeg. */
    public static VideoKind ofInput(Path path) {
        if (Files.isDirectory(path)) {
            return PNG_FOLDER;
        }
        String ext = extension(path);
        if (ext.equals("gif")) {
            return GIF;
        }
        if (ext.equals("png") || ext.equals("jpg") || ext.equals("jpeg")) {
            throw new IllegalArgumentException("Expected a video (MP4, GIF or a folder of numbered PNG frames) at "
                    + path + " but found a single ." + ext + " image");
        }
        return FFMPEG;
    }

    /** The kind of an output: by extension, a folder when there is none. */
    public static VideoKind ofOutput(Path path) {
        String ext = extension(path);
        if (ext.isEmpty()) {
            return PNG_FOLDER;
        }
        if (ext.equals("gif")) {
            return GIF;
        }
        if (FfmpegVideo.muxerFor(ext) != null) {
            return FFMPEG;
        }
        throw new IllegalArgumentException("Expected an output ending in .mp4, .mov, .mkv, .avi, .webm or .gif, or a"
                + " folder name without extension, but found " + path.getFileName());
    }

    /** The lower-case extension of the file name, without the dot; empty when there is none. */
    public static String extension(Path path) {
        Path name = path.getFileName();
        if (name == null) {
            return "";
        }
        String s = name.toString();
        int dot = s.lastIndexOf('.');
        return dot <= 0 ? "" : s.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
