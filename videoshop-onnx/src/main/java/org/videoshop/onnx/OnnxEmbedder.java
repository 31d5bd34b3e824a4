package org.videoshop.onnx;

import java.util.List;
import java.util.Map;
import org.videoshop.model.ImageEmbedder;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Images;

/**
 * The conditioning-image embedder on ONNX Runtime: resizes the frame to the bundle's {@code embedder.imageSize}
 * square ({@link Images#resize}), normalises each channel with the bundle's mean and std, and returns a new
 * embedding owned by the caller. Owned by its {@link OnnxModel}; thread-safe.
 */
final class OnnxEmbedder implements ImageEmbedder {

    private final OnnxModel model;
    private final OnnxNetwork net;
    private final int size;
    private final int dimension;
    private final float[] mean = new float[3];
    private final float[] invStd = new float[3];

    OnnxEmbedder(OnnxModel model, OnnxNetwork net, BundleManifest.Embedder e) {
        this.model = model;
        this.net = net;
        this.size = e.imageSize();
        this.dimension = e.dimension();
        double[] m = e.mean();
        double[] s = e.std();
        for (int c = 0; c < 3; c++) {
            mean[c] = (float) m[c];
            invStd[c] = (float) (1.0 / s[c]);
        }
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[] embed(Frame image) {
        if (image == null) {
            throw new IllegalArgumentException("Expected an image to embed but found null");
        }
        Frame f = Images.resize(image, size, size);
        int plane = size * size;
        float[] out = new float[dimension];
        model.enter();
        try {
            Workspace ws = net.acquire(List.of(1L), Map.of("pixels", new long[] {1, 3, size, size}),
                    Map.of("embedding", new long[] {1, 1, dimension}));
            try {
                TensorSlot in = ws.in("pixels");
                float[] rgb = f.data();
                for (int c = 0; c < 3; c++) {
                    in.putAffine(c * plane, rgb, c * plane, plane, invStd[c], -mean[c] * invStd[c]);
                }
                net.run(ws);
                ws.out("embedding").get(0, out, 0, dimension);
            } finally {
                net.release(ws);
            }
        } finally {
            model.exit();
        }
        return out;
    }
}
