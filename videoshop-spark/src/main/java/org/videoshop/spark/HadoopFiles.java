package org.videoshop.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Files on any Hadoop-compatible file system, as the job needs them: inputs copied to local files for decoding
 * (local inputs are read in place), outputs published atomically (written under a hidden temporary name beside
 * the target, then renamed over it), and cheap fingerprints of inputs (length and modification time).
 */
final class HadoopFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Configuration conf;

    HadoopFiles(Configuration conf) {
        this.conf = conf;
    }

    /** The file system of {@code path}; Hadoop's local file system without its {@code .crc} side files. */
    FileSystem fs(Path path) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    }

    /** A Hadoop path of a table value: a URI with a scheme, or a path of the default file system. */
    static Path path(String value) {
        return new Path(value);
    }

    /** The status of an input, or an exception naming what was expected when there is nothing there. */
    FileStatus status(String column, Path path) throws IOException {
        FileSystem fs = fs(path);
        if (!fs.exists(path)) {
            throw new IOException("Expected " + describe(column) + " at " + path + " but found nothing there");
        }
        return fs.getFileStatus(path);
    }

    /** Length and modification time of an input (a folder: of its files), for matching provenance. */
    Map<String, Object> fingerprint(String column, Path path) throws IOException {
        FileStatus st = status(column, path);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("uri", st.getPath().toString());
        if (st.isDirectory()) {
            long length = 0;
            long modified = st.getModificationTime();
            int files = 0;
            for (FileStatus child : fs(path).listStatus(path)) {
                if (child.isFile()) {
                    files++;
                    length += child.getLen();
                    modified = Math.max(modified, child.getModificationTime());
                }
            }
            f.put("files", files);
            f.put("length", length);
            f.put("modified", modified);
        } else {
            f.put("length", st.getLen());
            f.put("modified", st.getModificationTime());
        }
        return f;
    }

    /**
     * A local file (or folder) with the content of {@code path}: the file itself on the local file system, else a
     * copy under {@code localDir} with the same name (so its extension still tells its kind).
     */
    java.nio.file.Path local(Path path, java.nio.file.Path localDir) throws IOException {
        FileSystem fs = fs(path);
        if ("file".equals(fs.getUri().getScheme())) {
            return java.nio.file.Path.of(fs.makeQualified(path).toUri());
        }
        Files.createDirectories(localDir);
        java.nio.file.Path target = localDir.resolve(path.getName());
        copyToLocal(fs, path, target);
        return target;
    }

    private static void copyToLocal(FileSystem fs, Path path, java.nio.file.Path target) throws IOException {
        if (fs.getFileStatus(path).isDirectory()) {
            Files.createDirectories(target);
            for (FileStatus child : fs.listStatus(path)) {
                copyToLocal(fs, child.getPath(), target.resolve(child.getPath().getName()));
            }
        } else {
            try (InputStream in = fs.open(path)) {
                Files.copy(in, target);
            }
        }
    }

    /**
     * Publishes a local file or folder at {@code target}: copies it to {@code .NAME.RANDOM.part} beside the target,
     * then renames that over the target (an existing target is removed only once the copy is complete). On any
     * failure the temporary copy is deleted and the target is left as it was.
     */
    void publish(java.nio.file.Path local, Path target) throws IOException {
        FileSystem fs = fs(target);
        Path tmp = temporarySibling(target);
        try {
            fs.mkdirs(target.getParent());
            copyFromLocal(local, fs, tmp);
            moveIntoPlace(fs, tmp, target);
        } finally {
            deleteQuietly(fs, tmp);
        }
    }

    /** Publishes a small text file at {@code target} the same way. */
    void publish(String text, Path target) throws IOException {
        FileSystem fs = fs(target);
        Path tmp = temporarySibling(target);
        try {
            fs.mkdirs(target.getParent());
            try (OutputStream out = fs.create(tmp, false)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            moveIntoPlace(fs, tmp, target);
        } finally {
            deleteQuietly(fs, tmp);
        }
    }

    /** The text of a small file, or null when there is none. */
    String readText(Path path) throws IOException {
        FileSystem fs = fs(path);
        if (!fs.exists(path)) {
            return null;
        }
        try (InputStream in = fs.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    boolean exists(Path path) throws IOException {
        return fs(path).exists(path);
    }

    /** Deletes a file or folder if present. */
    void delete(Path path) throws IOException {
        FileSystem fs = fs(path);
        if (fs.exists(path)) {
            fs.delete(path, true);
        }
    }

    private static Path temporarySibling(Path target) {
        return new Path(target.getParent(), "." + target.getName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36)
                + ".part");
    }

    private static void copyFromLocal(java.nio.file.Path local, FileSystem fs, Path target) throws IOException {
        if (Files.isDirectory(local)) {
            if (!fs.mkdirs(target)) {
                throw new IOException("Expected to create folder " + target + " but the file system refused");
            }
            try (var entries = Files.list(local)) {
                for (java.nio.file.Path child : entries.sorted().toList()) {
                    copyFromLocal(child, fs, new Path(target, child.getFileName().toString()));
                }
            }
        } else {
            try (InputStream in = Files.newInputStream(local); OutputStream out = fs.create(target, false)) {
                in.transferTo(out);
            }
        }
    }

    private static void moveIntoPlace(FileSystem fs, Path tmp, Path target) throws IOException {
        if (fs.exists(target)) {
            fs.delete(target, true);
        }
        if (!fs.rename(tmp, target)) {
            throw new IOException("Expected to rename " + tmp + " to " + target + " but the file system refused"
                    + (fs.exists(target) ? " (another attempt wrote it meanwhile)" : ""));
        }
    }

    private static void deleteQuietly(FileSystem fs, Path p) {
        try {
            if (fs.exists(p)) {
                fs.delete(p, true);
            }
        } catch (IOException ignored) {
            // best effort: the temporary name is hidden and never mistaken for an output
        }
    }

    private static String describe(String column) {
        return switch (column) {
            case JobTable.SOURCE -> "the source video (column source)";
            case JobTable.EDITED_FIRST -> "the edited first frame (column edited_first)";
            case JobTable.MASK -> "the mask (column mask)";
            default -> "column " + column;
        };
    }
}
