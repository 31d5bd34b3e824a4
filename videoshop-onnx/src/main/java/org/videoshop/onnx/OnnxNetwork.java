package org.videoshop.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One ONNX network of a bundle: its {@link OrtSession} (created once, owned here and closed by {@link #close()}),
 * the graph's checked input and output signature, and a pool of preallocated {@link Workspace}s. Callers fill a
 * workspace by role, {@link #run} it, and read the outputs. {@code run} is thread-safe (ONNX Runtime sessions are).
 */
final class OnnxNetwork implements AutoCloseable {

    /** Sessions currently open in this JVM (tests check that failed opens leave none behind). */
    static final AtomicInteger OPEN_SESSIONS = new AtomicInteger();

    private final NetworkKind kind;
    private final BundleManifest.Network spec;
    private final String source;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final Map<String, TensorInfo> inputInfo;
    private final Map<String, TensorInfo> outputInfo;
    private final WorkspacePool pool = new WorkspacePool();
    private boolean closed;

    private OnnxNetwork(NetworkKind kind, BundleManifest.Network spec, String source, OrtEnvironment env,
                        OrtSession session) throws OrtException {
        this.kind = kind;
        this.spec = spec;
        this.source = source;
        this.env = env;
        this.session = session;
        this.inputInfo = tensorInfos(session.getInputInfo());
        this.outputInfo = tensorInfos(session.getOutputInfo());
    }

    /**
     * Creates the session of one network and checks its graph against the manifest. On any failure the session
     * (if made) is closed before the exception leaves.
     */
    static OnnxNetwork open(OrtEnvironment env, ModelBundle bundle, NetworkKind kind,
                            OrtSession.SessionOptions options) {
        BundleManifest m = bundle.manifest();
        BundleManifest.Network spec = m.networks().get(kind);
        OrtSession session;
        try {
            Path p = bundle.path(spec.file());
            session = p != null ? env.createSession(p.toString(), options)
                    : env.createSession(bundle.bytes(spec.file()), options);
        } catch (OrtException e) {
            throw new InvalidBundleException(bundle.source(), spec.file(), "expected a valid ONNX model for network "
                    + kind.key() + " but ONNX Runtime could not load it (truncated, not ONNX, or external data "
                    + "missing?): " + e.getMessage(), e);
        }
        OPEN_SESSIONS.incrementAndGet();
        try {
            OnnxNetwork n = new OnnxNetwork(kind, spec, bundle.source(), env, session);
            GraphContract.check(n, m);
            return n;
        } catch (OrtException | RuntimeException e) {
            closeSession(session);
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new InvalidBundleException(bundle.source(), spec.file(), "expected readable graph metadata but "
                    + "found: " + e.getMessage(), e);
        }
    }

    private static Map<String, TensorInfo> tensorInfos(Map<String, NodeInfo> infos) {
        Map<String, TensorInfo> out = new LinkedHashMap<>();
        for (Map.Entry<String, NodeInfo> e : infos.entrySet()) {
            if (e.getValue().getInfo() instanceof TensorInfo t) {
                out.put(e.getKey(), t);
            } else {
                out.put(e.getKey(), null);
            }
        }
        return out;
    }

    NetworkKind kind() {
        return kind;
    }

    BundleManifest.Network spec() {
        return spec;
    }

    String source() {
        return source;
    }

    /** Graph input name to tensor info (null for non-tensor inputs), in graph order. */
    Map<String, TensorInfo> inputInfo() {
        return inputInfo;
    }

    Map<String, TensorInfo> outputInfo() {
        return outputInfo;
    }

    /** The graph's tensor info of a role. */
    TensorInfo info(String role, boolean input) {
        return input ? inputInfo.get(spec.input(role)) : outputInfo.get(spec.output(role));
    }

    /** A workspace of that key, its slots made by {@link #newWorkspace} from the given shapes when none is idle. */
    Workspace acquire(List<Long> key, Map<String, long[]> inputShapes, Map<String, long[]> outputShapes) {
        return pool.acquire(key, k -> newWorkspace(k, inputShapes, outputShapes));
    }

    void release(Workspace ws) {
        pool.release(ws);
    }

    int idleWorkspaces() {
        return pool.idleCount();
    }

    private Workspace newWorkspace(List<Long> key, Map<String, long[]> inputShapes,
                                   Map<String, long[]> outputShapes) {
        Workspace ws = new Workspace(key);
        inputShapes.forEach((role, shape) -> ws.inputs.put(role, slot(role, shape, true)));
        outputShapes.forEach((role, shape) -> ws.outputs.put(role, slot(role, shape, false)));
        return ws;
    }

    private TensorSlot slot(String role, long[] shape, boolean input) {
        TensorInfo t = info(role, input);
        long[] s = shape;
        if (t.getShape().length == 0 && shape.length == 1 && shape[0] == 1) {
            s = new long[0];
        }
        TensorSlot.Type type = switch (t.type) {
            case FLOAT16 -> TensorSlot.Type.FLOAT16;
            case INT64 -> TensorSlot.Type.INT64;
            default -> TensorSlot.Type.FLOAT;
        };
        return new TensorSlot(input ? spec.input(role) : spec.output(role), s, type);
    }

    /** Runs the graph on the workspace's inputs, writing straight into its output buffers. */
    void run(Workspace ws) {
        List<OnnxTensor> made = new ArrayList<>();
        try {
            Map<String, OnnxTensor> in = new LinkedHashMap<>();
            Map<String, OnnxTensor> out = new LinkedHashMap<>();
            for (TensorSlot s : ws.inputs.values()) {
                OnnxTensor t = s.tensor(env);
                made.add(t);
                in.put(s.name(), t);
            }
            for (TensorSlot s : ws.outputs.values()) {
                OnnxTensor t = s.tensor(env);
                made.add(t);
                out.put(s.name(), t);
            }
            try (OrtSession.Result ignored = session.run(in, out)) {
                // outputs are pinned: ONNX Runtime wrote them into the workspace's buffers
            }
        } catch (OrtException e) {
            throw new IllegalStateException("Expected network " + kind.key() + " (" + spec.file() + " of " + source
                    + ") to run on inputs " + ws.inputs.values() + " giving " + ws.outputs.values()
                    + " but ONNX Runtime failed: " + e.getMessage(), e);
        } finally {
            for (OnnxTensor t : made) {
                t.close();
            }
        }
    }

    /** Whether the graph's tensor for that role is float16. */
    boolean isHalf(String role, boolean input) {
        return info(role, input).type == OnnxJavaType.FLOAT16;
    }

    /** Closes the session. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            pool.clear();
            closeSession(session);
        }
    }

    private static void closeSession(OrtSession s) {
        try {
            s.close();
        } catch (OrtException e) {
            // nothing more can be done for a session that fails to close; it is gone either way
        } finally {
            OPEN_SESSIONS.decrementAndGet();
        }
    }

    /** The graph's signature, for error messages. */
    String describeGraph() {
        return "inputs " + describe(inputInfo) + " and outputs " + describe(outputInfo);
    }

    private static String describe(Map<String, TensorInfo> infos) {
        List<String> parts = new ArrayList<>();
        infos.forEach((name, t) -> parts.add(name + (t == null ? " (not a tensor)"
                : " " + t.type + Arrays.toString(t.getShape()))));
        return parts.toString();
    }
}
