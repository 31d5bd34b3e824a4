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

    /**
     * An output being written: content goes to {@link #temporary()}, which {@link #commit()} moves into place.
     * Closing without committing removes the temporary file or folder and the parent folders it created; closing
     * twice, or after commit, is harmless.
     */
    public static final class Pending implements AutoCloseable {
        private final Path target;
        private final Path temporary;
        private final boolean folder;
        private final List<Path> created;
        private boolean finished;

        private Pending(Path target, Path temporary, boolean folder, List<Path> created) {
            this.target = target;
            this.temporary = temporary;
            this.folder = folder;
            this.created = created;
        }

        /** Where to write: a path not yet created (a file) or an empty folder. */
        public Path temporary() {
            return temporary;
        }

        /** The final path. */
        public Path target() {
            return target;
        }

        /** Moves the finished content into place. */
        public void commit() throws IOException {
            if (finished) {
                throw new IllegalStateException("Expected an open output but " + target + " was already "
                        + "committed or abandoned");
            }
            if (folder) {
                Path old = null;
                if (Files.exists(target)) {
                    old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
                    move(target, old, false);
                }
                move(temporary, target, false);
                finished = true;
                if (old != null) {
                    deleteTree(old);
                }
            } else {
                if (!Files.isRegularFile(temporary)) {
                    throw new IOException("Expected the writer to create " + temporary + " but found nothing there");
                }
                move(temporary, target, true);
                finished = true;
            }
        }

        @Override
        public void close() throws IOException {
            if (!finished) {
                finished = true;
                try {
                    if (folder) {
                        deleteTree(temporary);
                    } else {
                        Files.deleteIfExists(temporary);
                    }
                } finally {
                    removeCreated(created);
                }
            }
        }
    }

    /** Starts writing a file: a temporary file beside {@code target} (not created yet), moved over it on commit. */
    public static Pending beginFile(Path target) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new IOException("Expected " + target + " to be a file path but found an existing folder there");
        }
        List<Path> created = createParents(abs.getParent());
        // not created here: the writer creates it with the usual permissions
        return new Pending(abs, temporarySibling(abs), false, created);
    }

    /**
     * Starts writing a folder: a temporary folder beside {@code target}, renamed into place on commit. An existing
     * target is replaced only when it is empty or holds nothing but numbered PNG frames (an earlier output);
     * anything else is refused so no user file is ever deleted.
     */
    public static Pending beginFolder(Path target) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            checkReplaceableFolder(abs);
        }
        List<Path> created = createParents(abs.getParent());
        try {
            Path tmp = Files.createDirectory(temporarySibling(abs)); // umask permissions, unlike createTempDirectory
            return new Pending(abs, tmp, true, created);
        } catch (IOException | RuntimeException e) {
            removeCreated(created);
            throw e;
        }
    }

    /** Writes a file: into a temporary file beside {@code target}, then moved over it atomically. */
    public static void writeFile(Path target, Writer writer) throws IOException {
        try (Pending p = beginFile(target)) {
            writer.writeTo(p.temporary());
            p.commit();
        }
    }

    /** Writes a folder as {@link #beginFolder} does, its content written by {@code writer}. */
    public static void writeFolder(Path target, Writer writer) throws IOException {
        try (Pending p = beginFolder(target)) {
            writer.writeTo(p.temporary());
            p.commit();
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

    static void checkReplaceableFolder(Path dir) throws IOException {
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
