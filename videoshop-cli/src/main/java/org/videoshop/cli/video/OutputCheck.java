package org.videoshop.cli.video;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * Checks, before any frame is decoded, that an output can be written where it is asked for: not a device (nor a
 * link to one), under a folder that exists or can be made, where a file can really be created (a probe file is
 * created and removed, since root passes every permission test but not a read-only or refusing file system),
 * with room for a rough estimate of its size. Failures are one line naming the path and the cause. Stateless.
 */
public final class OutputCheck {

    private OutputCheck() {
    }

    /** A rough size of an output of that kind, in bytes (generous, so that a nearly full disk is caught). */
    public static long estimateBytes(VideoKind kind, int width, int height, int frames, double seconds) {
        long pixels = (long) width * height;
        return switch (kind) {
            // A quarter of the encoder's bitrate cap over the clip's duration (it rarely needs all of it).
            case FFMPEG -> {
                double fps = frames / Math.max(seconds, 1e-3);
                double bitsPerSecond = Math.max(2e6, Math.min(50e6, pixels * fps * 4));
                yield (long) (bitsPerSecond / 8 * Math.max(seconds, 0.1) / 4) + 64 * 1024;
            }
            case GIF -> pixels * frames / 2 + 64 * 1024;
            case PNG_FOLDER -> pixels * frames + 64 * 1024;
        };
    }

    /** Fails with one line when {@code output} cannot take about {@code estimatedBytes}. */
    public static void check(Path output, VideoKind kind, long estimatedBytes) throws IOException {
        Path abs = output.toAbsolutePath().normalize();
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            BasicFileAttributes own = Files.readAttributes(abs, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (own.isSymbolicLink()) {
                Path to = Files.exists(abs) ? abs.toRealPath() : null; // a dangling link is replaced
                if (to != null && Files.readAttributes(to, BasicFileAttributes.class).isOther()) {
                    throw new IOException("Could not write " + output + ": it is a link to the device " + to
                            + "; expected a file or folder path");
                }
            } else if (own.isOther()) {
                throw new IOException("Could not write " + output + ": it is a device or other special file, not a "
                        + (kind == VideoKind.PNG_FOLDER ? "folder" : "file"));
            }
            if (kind == VideoKind.PNG_FOLDER) {
                AtomicOutput.checkReplaceableFolder(abs);
            } else if (Files.isDirectory(abs)) {
                throw new IOException("Expected " + output + " to be a file path but found an existing folder there");
            }
        }
        Path existing = abs.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new IOException("Could not write " + output + ": no folder above it exists");
        }
        if (!Files.isDirectory(existing)) {
            throw new IOException("Could not write " + output + ": " + existing + " is a file, not a folder");
        }
        probe(existing, output);
        long free = Files.getFileStore(existing).getUsableSpace();
        if (free < estimatedBytes) {
            throw new IOException(String.format(Locale.ROOT, "Could not write %s: No space left on device (about"
                    + " %.1f MB needed, %.1f MB free in %s)", output, estimatedBytes / 1e6, free / 1e6, existing));
        }
    }

    /** Creates and removes a hidden file in {@code dir}: the only test root cannot pass by privilege. */
    private static void probe(Path dir, Path output) throws IOException {
        Path probe = dir.resolve(".videoshop-probe-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            Files.createFile(probe);
        } catch (AccessDeniedException e) {
            throw new IOException("Could not write " + output + ": Permission denied (in " + dir + ")", e);
        } catch (FileSystemException e) {
            throw new IOException("Could not write " + output + ": " + (e.getReason() != null ? e.getReason()
                    : e.getMessage()) + " (in " + dir + ")", e);
        } finally {
            Files.deleteIfExists(probe);
        }
    }
}
