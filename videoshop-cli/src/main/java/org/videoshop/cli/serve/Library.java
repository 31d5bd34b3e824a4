package org.videoshop.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import org.videoshop.EditInputs;
import org.videoshop.cli.video.Clip;
import org.videoshop.cli.video.Frames;
import org.videoshop.cli.video.PngFolder;
import org.videoshop.cli.video.VideoIO;

/**
 * Opens videos into sessions, from uploads or from the {@code --clips} folder, within the server's limits; and
 * reads images sent by pages (an edited first frame, a mask). Client-given names are only shown, never used as
 * file names: an upload is stored under a random name and decoded by its content.
 */
final class Library {

    /** Extensions of the files in the clips folder that are offered as videos. */
    private static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "mov", "mkv", "avi", "webm", "m4v", "gif");

    private final ServeConfig config;

    Library(ServeConfig config) {
        this.config = config;
    }

    /** The names of the videos in the clips folder (files and folders of PNG frames), sorted; empty without one. */
    List<String> clips() throws IOException {
        List<String> names = new ArrayList<>();
        if (config.clips() == null) {
            return names;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(config.clips())) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (Files.isDirectory(p) || VIDEO_EXTENSIONS.contains(extension(name))) {
                    names.add(name);
                }
            }
        }
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return names;
    }

    /** Opens the clip of that name (one of {@link #clips()}, compared as a whole name) into the session. */
    SourceVideo openClip(Session session, String name) throws IOException {
        session.checkRoomForVideo();
        if (name == null || !clips().contains(name)) {
            throw HttpError.notFound("Expected the name of a clip in the clips folder (see /api/clips) but found '"
                    + Ids.shorten(name) + "'");
        }
        return store(session, config.clips().resolve(name), name);
    }

    /** Stores the request's body as a video in the session; {@code name} is only shown. */
    SourceVideo upload(Session session, HttpExchange ex, String name) throws IOException {
        checkDisplayName(name);
        session.checkRoomForVideo();
        Files.createDirectories(session.folder());
        Path upload = session.folder().resolve("upload-" + Ids.next(8) + ".part");
        try {
            Http.saveBody(ex, upload, config.maxUploadBytes(), "a video upload");
            String kind = sniff(upload);
            Path named = upload.resolveSibling(upload.getFileName() + "." + kind); // the readers go by extension
            Files.move(upload, named);
            upload = named;
            return store(session, upload, name == null || name.isBlank() ? "upload" : name);
        } finally {
            Files.deleteIfExists(upload);
        }
    }

    /** Decodes a video within the limits and stores its frames as PNGs in the session. */
    private SourceVideo store(Session session, Path file, String name) throws IOException {
        Clip first = decode(file, 1);
        if (first.width() > config.maxSide() || first.height() > config.maxSide()) {
            throw HttpError.tooLarge("Expected frames of at most " + config.maxSide() + " pixels on each side but "
                    + "found " + first.width() + "x" + first.height());
        }
        Clip clip = decode(file, config.maxFrames() + 1);
        if (clip.size() > config.maxFrames()) {
            throw HttpError.tooLarge("Expected a video of at most " + config.maxFrames() + " frames but found more");
        }
        if (clip.size() < EditInputs.MIN_FRAMES) {
            throw HttpError.badRequest("Expected a video of at least " + EditInputs.MIN_FRAMES + " frames but found "
                    + clip.size());
        }
        String id = Ids.next(8);
        Path frames = session.folder().resolve("v-" + id);
        Files.createDirectories(session.folder());
        PngFolder.write(clip, frames);
        SourceVideo video = new SourceVideo(id, Ids.shorten(name), frames, clip.size(), clip.width(), clip.height(),
                clip.fps());
        try {
            session.add(video);
        } catch (HttpError full) {
            Sessions.deleteTree(frames);
            throw full;
        }
        return video;
    }

    private static Clip decode(Path file, int maxFrames) {
        try {
            return VideoIO.read(file, maxFrames);
        } catch (IOException | RuntimeException e) {
            throw HttpError.badRequest("Expected a video that can be decoded (MP4, WebM, MOV, MKV, AVI or animated"
                    + " GIF) but found: " + JobRunner.message(e));
        }
    }

    /** The reader a stored upload needs, by its first bytes: {@code gif} or {@code video} (FFmpeg probes it). */
    private static String sniff(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(12);
        }
        if (head.length == 0) {
            throw HttpError.badRequest("Expected a video file but found an empty upload");
        }
        if (startsWith(head, "GIF8")) {
            return "gif";
        }
        if (startsWith(head, "\u0089PNG") || (head.length >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8)) {
            throw HttpError.badRequest("Expected a video (MP4, WebM, GIF ...) but found a single still image; "
                    + "to replace the first frame, use 'Upload edited frame'");
        }
        return "video";
    }

    private static boolean startsWith(byte[] head, String magic) {
        if (head.length < magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if ((head[i] & 0xff) != magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * An image sent by a page (PNG, JPEG, BMP or GIF bytes) at exactly the video's size; {@code what} names it in
     * messages.
     */
    static BufferedImage image(byte[] data, SourceVideo video, String what) {
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(data));
        } catch (IOException | RuntimeException e) {
            img = null;
        }
        if (img == null) {
            throw HttpError.badRequest("Expected " + what + " to be a PNG, JPEG, BMP or GIF image but found "
                    + data.length + " bytes that no image reader recognises");
        }
        if (img.getWidth() != video.width() || img.getHeight() != video.height()) {
            throw HttpError.badRequest("Expected " + what + " of " + video.width() + "x" + video.height()
                    + " like the video's frames but found " + img.getWidth() + "x" + img.getHeight());
        }
        return Frames.toRgb(img);
    }

    /** Refuses names that look like paths: they are never used as file names, and a page never sends them. */
    static void checkDisplayName(String name) {
        if (name != null && (name.contains("/") || name.contains("\\") || name.contains("\0") || name.equals("..")
                || name.equals(".") || name.length() > 200)) {
            throw HttpError.badRequest("Expected a plain file name (no folders, at most 200 characters) but found '"
                    + Ids.shorten(name) + "'");
        }
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
