package org.videoshop.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.videoshop.model.Denoiser;
import org.videoshop.model.Encoder;
import org.videoshop.model.ImageEmbedder;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;

/**
 * A {@link VideoshopModel} running a bundle's four networks on ONNX Runtime. Its four sessions are created once
 * (at open), reused by every edit and closed by {@link #close()}; the model also owns its session options and, for
 * classpath bundles copied out of a jar, the temporary copy. The networks may be used from several threads at once;
 * {@code close()} waits for calls in flight, is idempotent, and any later use throws
 * {@link IllegalStateException}. Most users never name this class: {@code VideoshopModel.open(path)} finds it
 * through {@link OnnxModelProvider}.
 */
public final class OnnxModel implements VideoshopModel {

    private final ModelBundle bundle;
    private final OnnxOptions options;
    private final ModelSpec spec;
    private final OrtSession.SessionOptions sessionOptions;
    private final Map<NetworkKind, OnnxNetwork> networks;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final OnnxEncoder encoder;
    private final OnnxEmbedder embedder;
    private final OnnxDenoiser denoiser;
    private volatile boolean closed;

    private OnnxModel(ModelBundle bundle, OnnxOptions options, OrtSession.SessionOptions sessionOptions,
                      Map<NetworkKind, OnnxNetwork> networks) {
        this.bundle = bundle;
        this.options = options;
        this.sessionOptions = sessionOptions;
        this.networks = networks;
        this.spec = bundle.manifest().toSpec(bundle.version());
        BundleManifest m = bundle.manifest();
        this.encoder = new OnnxEncoder(this, networks.get(NetworkKind.VAE_ENCODER),
                networks.get(NetworkKind.VAE_DECODER), m, options);
        this.embedder = new OnnxEmbedder(this, networks.get(NetworkKind.IMAGE_EMBEDDER), m.embedder());
        this.denoiser = new OnnxDenoiser(this, networks.get(NetworkKind.UNET), m);
    }

    /** Opens the bundle in {@code folder} with default options. The caller owns (and closes) the model. */
    public static OnnxModel open(Path folder) {
        return open(folder, OnnxOptions.defaults());
    }

    /** Opens the bundle in {@code folder}. The caller owns (and closes) the model. */
    public static OnnxModel open(Path folder, OnnxOptions options) {
        return open(ModelBundle.read(folder), options);
    }

    /**
     * Opens the bundle under a classpath resource folder (e.g. {@code videoshop/models/tiny}) of {@code loader}
     * (null: this library's class loader).
     *
     * @throws IllegalStateException when the classpath holds no bundle there
     */
    public static OnnxModel openResource(String resourceFolder, ClassLoader loader, OnnxOptions options) {
        ModelBundle b = ModelBundle.readResource(resourceFolder, loader);
        if (b == null) {
            throw new IllegalStateException("Expected a model bundle on the classpath at " + resourceFolder + "/"
                    + BundleManifest.FILE_NAME + " but found none");
        }
        return open(b, options);
    }

    /**
     * Opens a bundle already read; the model takes ownership of it (closing the model closes the bundle, also when
     * opening fails). Creates the four sessions; if any fails, those already made are closed before the exception
     * leaves.
     */
    public static OnnxModel open(ModelBundle bundle, OnnxOptions options) {
        if (bundle == null || options == null) {
            throw new IllegalArgumentException("Expected a bundle and options but found " + bundle + ", " + options);
        }
        Map<NetworkKind, OnnxNetwork> nets = new EnumMap<>(NetworkKind.class);
        OrtSession.SessionOptions so = null;
        try {
            so = sessionOptions(options);
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            for (NetworkKind k : NetworkKind.values()) {
                nets.put(k, OnnxNetwork.open(env, bundle, k, so));
            }
            return new OnnxModel(bundle, options, so, nets);
        } catch (RuntimeException | Error e) {
            nets.values().forEach(OnnxNetwork::close);
            if (so != null) {
                so.close();
            }
            bundle.close();
            throw e;
        }
    }

    private static OrtSession.SessionOptions sessionOptions(OnnxOptions o) {
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        try {
            if (o.intraOpThreads() > 0) {
                so.setIntraOpNumThreads(o.intraOpThreads());
            }
            if (o.interOpThreads() > 0) {
                so.setInterOpNumThreads(o.interOpThreads());
            }
            so.setOptimizationLevel(switch (o.optimization()) {
                case NONE -> OrtSession.SessionOptions.OptLevel.NO_OPT;
                case BASIC -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
                case EXTENDED -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
                case ALL -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
            });
        } catch (OrtException e) {
            so.close();
            throw new IllegalArgumentException("Expected ONNX Runtime to accept session options " + o + " but found: "
                    + e.getMessage(), e);
        }
        if (o.executionProvider() == OnnxOptions.ExecutionProvider.CUDA) {
            try {
                so.addCUDA(o.cudaDevice());
            } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
                so.close();
                throw new IllegalStateException("Expected the CUDA execution provider (device " + o.cudaDevice()
                        + ") but ONNX Runtime could not add it: " + e.getMessage() + ". Build with the Maven "
                        + "profile -Pcuda (com.microsoft.onnxruntime:onnxruntime_gpu) on a machine with CUDA 12 and "
                        + "cuDNN 9, or use ExecutionProvider.CPU", e);
            }
        }
        return so;
    }

    /** The validated manifest of this model's bundle. */
    public BundleManifest manifest() {
        return bundle.manifest();
    }

    /** The options the sessions were made with. */
    public OnnxOptions options() {
        return options;
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public Encoder encoder() {
        ensureOpen();
        return encoder;
    }

    @Override
    public ImageEmbedder embedder() {
        ensureOpen();
        return embedder;
    }

    @Override
    public Denoiser denoiser() {
        ensureOpen();
        return denoiser;
    }

    /** The network of that kind (tests run graphs directly). */
    OnnxNetwork network(NetworkKind kind) {
        return networks.get(kind);
    }

    /** The bundle this model owns. */
    ModelBundle bundle() {
        return bundle;
    }

    /** Idle preallocated workspaces of a network (tests check reuse). */
    int idleWorkspaces(NetworkKind kind) {
        return networks.get(kind).idleWorkspaces();
    }

    /** Enters a network call: fails when closed, and keeps {@link #close()} waiting until {@link #exit()}. */
    void enter() {
        lock.readLock().lock();
        if (closed) {
            lock.readLock().unlock();
            throw closedError();
        }
    }

    void exit() {
        lock.readLock().unlock();
    }

    private void ensureOpen() {
        if (closed) {
            throw closedError();
        }
    }

    private IllegalStateException closedError() {
        return new IllegalStateException("OnnxModel '" + bundle.manifest().name() + "' is closed; open it again to "
                + "use it");
    }

    /** Closes the four sessions, the session options and any temporary bundle copy. Idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            networks.values().forEach(OnnxNetwork::close);
            sessionOptions.close();
            bundle.close();
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "OnnxModel[" + spec.name() + " " + spec.version() + " from " + bundle.source() + ", "
                + options.executionProvider() + (closed ? ", closed" : "") + "]";
    }
}
