package org.videoshop.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;
import org.videoshop.onnx.ModelBundle;
import org.videoshop.onnx.OnnxModel;
import org.videoshop.onnx.OnnxModelProvider;
import org.videoshop.onnx.OnnxOptions;

/**
 * The models of this JVM (one Spark executor, or the driver in local mode): each opened once, lazily, by the first
 * task that edits with it, then shared by every task of the executor (the model is thread-safe), and closed by a
 * JVM shutdown hook. A model is named by a built-in name ({@code tiny}), a local bundle folder, or the URI of a
 * bundle folder on a Hadoop-compatible file system, copied once to a local temporary folder. Its spec (name,
 * version, defaults) is read from the bundle's manifest without opening ONNX Runtime, so a rerun that skips every
 * row opens no model. This class owns every model it opens; callers never close them.
 */
public final class ExecutorModels {

    private static final Map<String, Entry> ENTRIES = new ConcurrentHashMap<>();
    private static final AtomicInteger OPENED = new AtomicInteger();
    private static final AtomicBoolean HOOK = new AtomicBoolean();

    private ExecutorModels() {
    }

    /** The spec of the model {@code ref} (reads its manifest once per JVM; opens nothing). */
    static ModelSpec spec(String ref, Configuration conf) {
        return entry(ref).spec(conf);
    }

    /**
     * The open model {@code ref}, opened on first use with {@code ortThreads} intra-op threads (unless
     * {@code -Dvideoshop.onnx.intraOpThreads} says otherwise). Owned by this class. {@code onOpen} runs once
     * when this call is the one that opened it.
     */
    static VideoshopModel model(String ref, int ortThreads, Configuration conf, Runnable onOpen) {
        return entry(ref).model(ortThreads, conf, onOpen);
    }

    /** How many models this JVM has opened so far. */
    public static int opened() {
        return OPENED.get();
    }

    /** Closes every model and deletes every temporary copy (the shutdown hook; also lets tests start afresh). */
    static void closeAll() {
        for (Entry e : ENTRIES.values()) {
            e.close();
        }
        ENTRIES.clear();
    }

    private static Entry entry(String ref) {
        return ENTRIES.computeIfAbsent(ref, Entry::new);
    }

    private static void registerHook() {
        if (HOOK.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(ExecutorModels::closeAll, "videoshop-close-models"));
        }
    }

    /** One model reference: where its bundle is on this machine, its spec, and the open model. */
    private static final class Entry {
        private final String ref;
        private java.nio.file.Path localCopy;
        private ModelSpec spec;
        private VideoshopModel model;
        private boolean closed;

        Entry(String ref) {
            this.ref = ref;
        }

        synchronized ModelSpec spec(Configuration conf) {
            ensureOpen();
            if (spec == null) {
                try (ModelBundle bundle = bundle(conf)) {
                    spec = bundle.manifest().toSpec(bundle.version());
                }
            }
            return spec;
        }

        synchronized VideoshopModel model(int ortThreads, Configuration conf, Runnable onOpen) {
            ensureOpen();
            if (model == null) {
                OnnxOptions options = OnnxOptions.fromSystemProperties();
                if (System.getProperty(OnnxOptions.THREADS_PROPERTY) == null) {
                    options = options.toBuilder().intraOpThreads(ortThreads).build();
                }
                registerHook();
                model = OnnxModel.open(bundle(conf), options); // the model owns the bundle from here
                spec = model.spec();
                OPENED.incrementAndGet();
                onOpen.run();
            }
            return model;
        }

        private ModelBundle bundle(Configuration conf) {
            if (OnnxModelProvider.TINY.equals(ref)) {
                ModelBundle b = ModelBundle.readResource(OnnxModelProvider.TINY_RESOURCE,
                        OnnxModelProvider.class.getClassLoader());
                if (b == null) {
                    throw new IllegalStateException("Expected the bundled tiny model on the classpath but found none"
                            + " (is videoshop-onnx in the application jar?)");
                }
                return b;
            }
            if (!JobTable.hasScheme(ref) || ref.startsWith("file:")) {
                return ModelBundle.read(JobTable.hasScheme(ref)
                        ? java.nio.file.Path.of(java.net.URI.create(ref)) : java.nio.file.Path.of(ref));
            }
            if (localCopy == null) {
                localCopy = copyBundle(new Path(ref), conf);
            }
            return ModelBundle.read(localCopy);
        }

        private static java.nio.file.Path copyBundle(Path remote, Configuration conf) {
            try {
                registerHook();
                FileSystem fs = remote.getFileSystem(conf);
                if (!fs.getFileStatus(remote).isDirectory()) {
                    throw new IOException("Expected a model bundle folder at " + remote + " but found a file");
                }
                java.nio.file.Path dir = Files.createTempDirectory("videoshop-model-");
                for (FileStatus f : fs.listStatus(remote)) {
                    if (f.isFile()) {
                        fs.copyToLocalFile(false, f.getPath(), new Path(dir.resolve(f.getPath().getName()).toUri()),
                                true);
                    }
                }
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException("Expected to copy the model bundle " + remote + " to this executor "
                        + "but failed: " + e.getMessage(), e);
            }
        }

        private void ensureOpen() {
            if (closed) {
                throw new IllegalStateException("ExecutorModels entry for " + ref + " is closed (the JVM is "
                        + "shutting down)");
            }
        }

        synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (model != null) {
                model.close();
                model = null;
            }
            if (localCopy != null) {
                try (Stream<java.nio.file.Path> walk = Files.walk(localCopy)) {
                    for (java.nio.file.Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException ignored) {
                    // a temporary folder: best effort at shutdown
                }
            }
        }
    }
}
