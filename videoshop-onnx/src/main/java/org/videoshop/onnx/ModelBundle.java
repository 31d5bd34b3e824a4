package org.videoshop.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A located, validated model bundle: its manifest and where its files are, either a folder or a classpath resource
 * folder. Reading one checks the manifest and that every file it names exists inside the bundle; nothing is loaded
 * into ONNX Runtime. A classpath bundle inside a jar whose networks have external data is copied to a temporary
 * folder, which this object owns and deletes in {@link #close()} (an {@link OnnxModel} opened from it closes it).
 */
public final class ModelBundle implements AutoCloseable {

    private final BundleManifest manifest;
    private final String source;
    private final Path folder;
    private final ClassLoader loader;
    private final String resourceFolder;
    private final Path ownedTempFolder;
    private final byte[] manifestBytes;

    private ModelBundle(BundleManifest manifest, String source, Path folder, ClassLoader loader,
                        String resourceFolder, Path ownedTempFolder, byte[] manifestBytes) {
        this.manifest = manifest;
        this.source = source;
        this.folder = folder;
        this.loader = loader;
        this.resourceFolder = resourceFolder;
        this.ownedTempFolder = ownedTempFolder;
        this.manifestBytes = manifestBytes;
    }

    /** Reads and validates the bundle in {@code folder} (which holds {@value BundleManifest#FILE_NAME}). */
    public static ModelBundle read(Path folder) {
        return read(folder, null);
    }

    private static ModelBundle read(Path folder, Path ownedTemp) {
        if (folder == null) {
            throw new IllegalArgumentException("Expected a bundle folder but found null");
        }
        String source = folder.toAbsolutePath().toString();
        Path manifestFile = folder.resolve(BundleManifest.FILE_NAME);
        if (!Files.isDirectory(folder)) {
            throw new InvalidBundleException(source, "folder", "expected a folder holding "
                    + BundleManifest.FILE_NAME + " but found " + (Files.exists(folder) ? "a file" : "nothing"));
        }
        if (!Files.isRegularFile(manifestFile)) {
            throw new InvalidBundleException(source, BundleManifest.FILE_NAME, "expected the manifest file but "
                    + "found " + (Files.exists(manifestFile) ? "something that is not a file" : "nothing"));
        }
        Path real;
        byte[] bytes;
        try {
            real = folder.toRealPath();
            bytes = Files.readAllBytes(manifestFile);
        } catch (IOException e) {
            throw new InvalidBundleException(source, BundleManifest.FILE_NAME, "could not be read: " + e, e);
        }
        BundleManifest m = ManifestReader.read(bytes, source, (at, rel) -> checkInside(source, real, at, rel));
        return new ModelBundle(m, source, real, null, null, ownedTemp, bytes);
    }

    private static void checkInside(String source, Path real, String at, String rel) {
        Path p = real.resolve(rel).normalize();
        if (!p.startsWith(real)) {
            throw new InvalidBundleException(source, at, "expected a file inside the bundle folder but \"" + rel
                    + "\" resolves to " + p);
        }
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.exists(p)) {
            throw new InvalidBundleException(source, at, "expected the file \"" + rel + "\" to exist but found "
                    + "nothing at " + p);
        }
        Path resolved;
        try {
            resolved = p.toRealPath();
        } catch (IOException e) {
            throw new InvalidBundleException(source, at, "expected the file \"" + rel + "\" to exist but it could "
                    + "not be resolved (" + e + ")", e);
        }
        if (!resolved.startsWith(real)) {
            throw new InvalidBundleException(source, at, "expected a file inside the bundle folder but \"" + rel
                    + "\" is a link to " + resolved + ", outside " + real);
        }
        if (!Files.isRegularFile(resolved)) {
            throw new InvalidBundleException(source, at, "expected \"" + rel + "\" to be a regular file but found "
                    + "a folder or special file");
        }
    }

    /**
     * Reads and validates the bundle under the classpath resource folder {@code resourceFolder} (e.g.
     * {@code videoshop/models/tiny}), or returns null when {@code loader} has no manifest there.
     */
    public static ModelBundle readResource(String resourceFolder, ClassLoader loader) {
        String dir = trimSlashes(resourceFolder);
        ClassLoader cl = loader != null ? loader : ModelBundle.class.getClassLoader();
        URL url = resource(cl, dir + "/" + BundleManifest.FILE_NAME);
        if (url == null) {
            return null;
        }
        if ("file".equals(url.getProtocol())) {
            try {
                return read(Path.of(url.toURI()).getParent());
            } catch (URISyntaxException e) {
                throw new IllegalStateException("Expected a file URL for " + url + " but found " + e, e);
            }
        }
        String source = "classpath:" + dir + " (" + url + ")";
        byte[] bytes;
        try (InputStream in = url.openStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new InvalidBundleException(source, BundleManifest.FILE_NAME, "could not be read: " + e, e);
        }
        BundleManifest m = ManifestReader.read(bytes, source, (at, rel) -> {
            if (resource(cl, dir + "/" + rel) == null) {
                throw new InvalidBundleException(source, at, "expected the resource " + dir + "/" + rel
                        + " on the classpath but found nothing");
            }
        });
        boolean external = false;
        for (NetworkKind k : NetworkKind.values()) {
            external |= !m.networks().get(k).externalData().isEmpty();
        }
        if (external) {
            return copyToTemp(m, cl, dir, bytes);
        }
        return new ModelBundle(m, source, null, cl, dir, null, bytes);
    }

    /** ONNX Runtime reads external data relative to the graph file, so such bundles must live in a folder. */
    private static ModelBundle copyToTemp(BundleManifest m, ClassLoader cl, String dir, byte[] manifestBytes) {
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("videoshop-bundle-");
            Files.write(tmp.resolve(BundleManifest.FILE_NAME), manifestBytes);
            for (NetworkKind k : NetworkKind.values()) {
                BundleManifest.Network n = m.networks().get(k);
                List<String> files = new ArrayList<>(n.externalData());
                files.add(n.file());
                for (String rel : files) {
                    Path target = tmp.resolve(rel);
                    Files.createDirectories(target.getParent());
                    try (InputStream in = resource(cl, dir + "/" + rel).openStream()) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return read(tmp, tmp);
        } catch (IOException | RuntimeException e) {
            if (tmp != null) {
                deleteTree(tmp);
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new UncheckedIOException("Expected to copy classpath bundle " + dir + " to a temporary folder "
                    + "but failed: " + e, (IOException) e);
        }
    }

    private static String trimSlashes(String s) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException("Expected a classpath resource folder but found "
                    + (s == null ? "null" : "a blank string"));
        }
        String t = s;
        while (t.startsWith("/")) {
            t = t.substring(1);
        }
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    /** The validated manifest. */
    public BundleManifest manifest() {
        return manifest;
    }

    /** Where the bundle lives, for messages: an absolute folder or a classpath location. */
    public String source() {
        return source;
    }

    /** The bundle folder (real path), or null for a classpath bundle read from a jar. */
    public Path folder() {
        return folder;
    }

    /** The manifest's {@code version}, or else {@code sha256:} and 16 hex digits of the manifest and its files. */
    public String version() {
        if (manifest.version() != null) {
            return manifest.version();
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(manifestBytes);
            byte[] buf = new byte[1 << 16];
            for (NetworkKind k : NetworkKind.values()) {
                BundleManifest.Network n = manifest.networks().get(k);
                List<String> files = new ArrayList<>(List.of(n.file()));
                files.addAll(n.externalData());
                for (String rel : files) {
                    try (InputStream in = open(rel)) {
                        for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
                            md.update(buf, 0, r);
                        }
                    }
                }
            }
            return "sha256:" + HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Expected the JDK to provide SHA-256 but found " + e, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Expected to read bundle " + source + " to checksum it but failed", e);
        }
    }

    private InputStream open(String rel) throws IOException {
        if (folder != null) {
            return Files.newInputStream(folder.resolve(rel));
        }
        URL url = resource(loader, resourceFolder + "/" + rel);
        if (url == null) {
            throw new IOException("classpath resource " + resourceFolder + "/" + rel + " disappeared");
        }
        return url.openStream();
    }

    /**
     * A resource from {@code loader}, else from this module: on the module path the built-in bundles' folders are
     * packages of this module that no other module (the class loader included) may read.
     */
    private static URL resource(ClassLoader loader, String name) {
        URL url = loader.getResource(name);
        return url != null ? url : ModelBundle.class.getResource("/" + name);
    }

    /** The file of a network on disk, or null when the bundle is read from a jar (use {@link #bytes}). */
    Path path(String rel) {
        return folder == null ? null : folder.resolve(rel);
    }

    /** The bytes of a bundle file (used for classpath bundles without external data). */
    byte[] bytes(String rel) {
        try (InputStream in = open(rel)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new InvalidBundleException(source, rel, "could not be read: " + e, e);
        }
    }

    /** Deletes the temporary copy this bundle owns, if any. Idempotent. */
    @Override
    public void close() {
        if (ownedTempFolder != null) {
            deleteTree(ownedTempFolder);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            root.toFile().deleteOnExit();
        }
    }

    @Override
    public String toString() {
        return "ModelBundle[" + manifest.name() + " at " + source + "]";
    }
}
