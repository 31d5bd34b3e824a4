package org.videoshop.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What each network's graph must look like given the manifest: the names it declares, tensor ranks, element types
 * and every dimension the manifest fixes (channels, embedding length, image size). Checked once per session at
 * open; failures are {@link InvalidBundleException}s naming the file and listing the graph's actual signature.
 */
final class GraphContract {

    private GraphContract() {
    }

    static void check(OnnxNetwork n, BundleManifest m) {
        BundleManifest.Network spec = n.spec();
        NetworkKind kind = n.kind();
        Set<String> named = new HashSet<>(spec.inputs().values());
        for (Map.Entry<String, String> e : spec.inputs().entrySet()) {
            if (!n.inputInfo().containsKey(e.getValue())) {
                throw fail(n, "expected a graph input \"" + e.getValue() + "\" ($.networks." + kind.key()
                        + ".inputs." + e.getKey() + ")");
            }
        }
        for (String graphInput : n.inputInfo().keySet()) {
            if (!named.contains(graphInput)) {
                throw fail(n, "expected every graph input to be named in $.networks." + kind.key()
                        + ".inputs but \"" + graphInput + "\" is not");
            }
        }
        for (Map.Entry<String, String> e : spec.outputs().entrySet()) {
            if (!n.outputInfo().containsKey(e.getValue())) {
                throw fail(n, "expected a graph output \"" + e.getValue() + "\" ($.networks." + kind.key()
                        + ".outputs." + e.getKey() + ")");
            }
        }
        for (String role : spec.inputs().keySet()) {
            checkTensor(n, role, true, m);
        }
        for (String role : spec.outputs().keySet()) {
            checkTensor(n, role, false, m);
        }
    }

    private static void checkTensor(OnnxNetwork n, String role, boolean input, BundleManifest m) {
        NetworkKind kind = n.kind();
        TensorInfo t = n.info(role, input);
        String what = (input ? "input " : "output ") + role + " (\"" + (input ? n.spec().input(role)
                : n.spec().output(role)) + "\")";
        if (t == null) {
            throw fail(n, "expected " + what + " to be a tensor");
        }
        long[] shape = t.getShape();
        int rank = kind.rank(role, input);
        boolean scalarLike = rank < 0;
        if (scalarLike ? shape.length > 1 : shape.length != rank) {
            throw fail(n, "expected " + what + " of rank " + (scalarLike ? "0 or 1" : rank) + " but found rank "
                    + shape.length + " " + Arrays.toString(shape));
        }
        boolean integer = role.equals("numFrames");
        if (integer) {
            if (t.type != OnnxJavaType.INT64) {
                throw fail(n, "expected " + what + " to be int64 but found " + t.type);
            }
            return;
        }
        if (t.type != OnnxJavaType.FLOAT && t.type != OnnxJavaType.FLOAT16) {
            throw fail(n, "expected " + what + " to be float32 or float16 but found " + t.type);
        }
        if (isMain(kind, role, input)) {
            OnnxJavaType want = n.spec().dtype() == BundleManifest.Dtype.FLOAT16 ? OnnxJavaType.FLOAT16
                    : OnnxJavaType.FLOAT;
            if (t.type != want) {
                throw fail(n, "expected " + what + " to be " + n.spec().dtype().key() + " as $.networks."
                        + kind.key() + ".dtype says but the graph has " + t.type);
            }
        }
        if (kind == NetworkKind.UNET) {
            checkUnetDynamic(n, what, role, shape);
        }
        long[] expected = expectedDims(kind, role, input, m);
        if (expected != null) {
            for (int i = 0; i < expected.length; i++) {
                if (expected[i] > 0 && shape[i] > 0 && shape[i] != expected[i]) {
                    throw fail(n, "expected " + what + " of shape " + dims(expected) + " (from the manifest) but "
                            + "the graph fixes dimension " + i + " to " + shape[i] + ": " + Arrays.toString(shape));
                }
            }
        }
    }

    /**
     * The pipeline runs the UNet at batch 1 (unguided inversion) and 2 (a guided pair), and at every window's frame
     * count: a graph that fixes either axis cannot serve an edit, so it is refused here rather than mid-edit.
     */
    private static void checkUnetDynamic(OnnxNetwork n, String what, String role, long[] shape) {
        boolean video = role.equals("sample") || role.equals("out");
        boolean batched = video || role.equals("encoderHiddenStates") || role.equals("addedTimeIds");
        if (batched && shape.length > 0 && shape[0] > 0) {
            throw fail(n, "expected the batch dimension (dimension 0) of " + what + " to be dynamic, because the "
                    + "pipeline runs the UNet at batch 1 (unguided inversion) and 2 (guided), but the graph fixes it"
                    + " to " + shape[0] + "; re-export with scripts/svd/export_svd.py, which makes every"
                    + " batch, frame and spatial axis dynamic");
        }
        if (video && shape.length > 1 && shape[1] > 0) {
            throw fail(n, "expected the frame dimension (dimension 1) of " + what + " to be dynamic, because the "
                    + "pipeline runs the UNet at each window's frame count, but the graph fixes it to " + shape[1]
                    + "; re-export with scripts/svd/export_svd.py, which makes every batch, frame and"
                    + " spatial axis dynamic");
        }
    }

    /** The roles whose element type the manifest's dtype describes. */
    private static boolean isMain(NetworkKind kind, String role, boolean input) {
        return switch (kind) {
            case IMAGE_EMBEDDER, VAE_ENCODER -> input ? role.equals("pixels") : true;
            case VAE_DECODER -> input ? role.equals("latent") : true;
            case UNET -> input ? role.equals("sample") : true;
        };
    }

    /** Dimensions the manifest fixes (-1 = free), or null when the role has none. */
    private static long[] expectedDims(NetworkKind kind, String role, boolean input, BundleManifest m) {
        long c = m.latent().channels();
        long d = m.embedder().dimension();
        long s = m.embedder().imageSize();
        Integer chunk = m.networks().vaeDecoder().fixedChunk();
        long n = chunk == null ? -1 : chunk;
        return switch (kind) {
            case IMAGE_EMBEDDER -> input ? new long[] {-1, 3, s, s} : new long[] {-1, 1, d};
            case VAE_ENCODER -> input ? new long[] {-1, 3, -1, -1} : new long[] {-1, c, -1, -1};
            case VAE_DECODER -> role.equals("latent") ? new long[] {n, c, -1, -1}
                    : role.equals("pixels") ? new long[] {n, 3, -1, -1} : null;
            case UNET -> switch (role) {
                case "sample" -> new long[] {-1, -1, 2 * c, -1, -1};
                case "encoderHiddenStates" -> new long[] {-1, 1, d};
                case "addedTimeIds" -> new long[] {-1, 3};
                case "out" -> new long[] {-1, -1, c, -1, -1};
                default -> null;
            };
        };
    }

    private static String dims(long[] e) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < e.length; i++) {
            b.append(i == 0 ? "" : ", ").append(e[i] > 0 ? Long.toString(e[i]) : "*");
        }
        return b.append(']').toString();
    }

    private static InvalidBundleException fail(OnnxNetwork n, String problem) {
        return new InvalidBundleException(n.source(), n.spec().file(), problem + "; the graph has "
                + n.describeGraph());
    }
}
