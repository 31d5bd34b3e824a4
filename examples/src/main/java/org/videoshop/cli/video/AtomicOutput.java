package org.videoshop.cli.video;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes an output so that a failure leaves nothing behind: the content goes to a hidden temporary file (or
 * folder) beside the target, which is moved into place only once complete. Missing parent folders are created,
 * and removed again when the write fails.
 */
public final class AtomicOutput {

    /** Names of the frame files a PNG folder may hold for it to be replaced by a new one. */
    static final Pattern FRAME_FILE = Pattern.compile("(?i).*\\d+\\.png");

    /** Writes the content of one file into the given (temporary) path. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temporary) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicOutput() {
    }

    /** Writes a file: into a temporary file beside {@code target}, then moved over it atomically. */
    public static void writeFile(Path target, Writer writer) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new IOException("Expected " + target + " to be a file path but found an existing folder there");
        }
        List<Path> created = createParents(abs.getParent());
        boolean done = false;
        Path tmp = null;
        try {
            tmp = temporarySibling(abs);  // not created here: the writer creates it with the usual permissions
            writer.writeTo(tmp);
            if (!Files.isRegularFile(tmp)) {
                throw new IOException("Expected the writer to create " + tmp + " but found nothing there");
            }
            move(tmp, abs, true);
            done = true;
        } finally {
            if (!done) {
                if (tmp != null) {
                    Files.deleteIfExists(tmp);
                }
                removeCreated(created);
            }
        }
    }

    /**
     * Writes a folder: into a temporary folder beside {@code target}, then renamed into place. An existing target
     * is replaced only when it is empty or holds nothing but numbered PNG frames (an earlier output); anything
     * else is refused so no user file is ever deleted.
     */
    public static void writeFolder(Path target, Writer writer) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            checkReplaceableFolder(abs);
        }
        List<Path> created = createParents(abs.getParent());
        boolean done = false;
        Path tmp = null;
        try {
            tmp = Files.createDirectory(temporarySibling(abs)); // umask permissions, unlike createTempDirectory
            writer.writeTo(tmp);
            Path old = null;
            if (Files.exists(abs)) {
                old = abs.resolveSibling("." + abs.getFileName() + ".old-" + System.nanoTime());
                move(abs, old, false);
            }
            move(tmp, abs, false);
            done = true;
            if (old != null) {
                deleteTree(old);
            }
        } finally {
            if (!done) {
                if (tmp != null) {
                    deleteTree(tmp);
                }
                removeCreated(created);
            }
        }
    }

    /** A hidden, unused name beside the target: {@code .NAME.RANDOM.part}. */
    private static Path temporarySibling(Path target) {
        Path p;
        do {
            p = target.resolveSibling("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36)
                    + ".part");
        } while (Files.exists(p));
        return p;
    }

    private static void checkReplaceableFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("Expected " + dir + " to be a folder (an output without extension is a folder of"
                    + " PNG frames) but found an existing file there");
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                if (!Files.isRegularFile(e) || !FRAME_FILE.matcher(e.getFileName().toString()).matches()) {
                    throw new IOException("Expected output folder " + dir + " to be absent, empty or to hold only"
                            + " numbered PNG frames, but found " + e.getFileName() + " in it; choose another output");
                }
            }
        }
    }

    private static void move(Path from, Path to, boolean replace) throws IOException {
        try {
            if (replace) {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            if (replace) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException("Expected nothing at " + to + " while moving the output into place but found a"
                    + " file created meanwhile", e);
        }
    }

    /** Creates the missing folders above a target; returns those created, deepest last. */
    private static List<Path> createParents(Path parent) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = parent; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        Files.createDirectories(parent);
        return missing;
    }

    private static void removeCreated(List<Path> created) {
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(created.get(i));
            } catch (IOException ignored) {
                return; // not empty: something else was put there meanwhile; leave it
            }
        }
    }

    /** Deletes a folder and everything in it (best effort for what cannot be deleted). */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(walk.toList());
            for (int i = all.size() - 1; i >= 0; i--) {
                Files.deleteIfExists(all.get(i));
            }
        }
    }
}
