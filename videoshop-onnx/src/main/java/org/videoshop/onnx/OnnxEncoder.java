package org.videoshop.onnx;

import java.util.List;
import java.util.Map;
import org.videoshop.model.Encoder;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Latents;
import org.videoshop.tensor.Video;

/**
 * The VAE on ONNX Runtime. Both directions run in chunks of frames so native memory stays bounded for any frame
 * count: {@link OnnxOptions#encodeChunk()} frames per encoder call, {@link OnnxOptions#decodeChunk()} per decoder
 * call unless the bundle fixes the decoder's chunk ({@code fixedChunk}: a short last chunk is padded by repeating its
 * last frame and the padding is dropped) or asks for whole clips ({@code wholeClip}: every frame in one call, as a
 * temporal decoder needs to give the authors' output). When the manifest names the decoder's {@code numFrames} input (SVD's
 * temporal decoder) it receives the chunk's frame count. Returned latents and videos are new and owned by the caller.
 * Owned by its {@link OnnxModel}; thread-safe.
 */
final class OnnxEncoder implements Encoder {

    private final OnnxModel model;
    private final OnnxNetwork enc;
    private final OnnxNetwork dec;
    private final int channels;
    private final int downscale;
    private final int encodeChunk;
    private final int decodeChunk;
    private final Integer fixedChunk;
    private final boolean wholeClip;
    private final boolean numFrames;

    OnnxEncoder(OnnxModel model, OnnxNetwork enc, OnnxNetwork dec, BundleManifest m, OnnxOptions options) {
        this.model = model;
        this.enc = enc;
        this.dec = dec;
        this.channels = m.latent().channels();
        this.downscale = m.latent().downscale();
        this.encodeChunk = options.encodeChunk();
        this.fixedChunk = m.networks().vaeDecoder().fixedChunk();
        this.wholeClip = m.networks().vaeDecoder().wholeClip();
        this.decodeChunk = fixedChunk != null ? fixedChunk : options.decodeChunk();
        this.numFrames = m.networks().vaeDecoder().input("numFrames") != null;
    }

    @Override
    public Latents encode(Video video) {
        if (video == null) {
            throw new IllegalArgumentException("Expected a video to encode but found null");
        }
        int H = video.height();
        int W = video.width();
        if (H % downscale != 0 || W % downscale != 0) {
            throw new IllegalArgumentException("Expected a frame size that is a multiple of the downscale factor "
                    + downscale + " but found " + W + "x" + H);
        }
        LatentShape shape = new LatentShape(video.frames(), channels, H / downscale, W / downscale);
        float[] out = new float[shape.size()];
        int fs = video.frameSize();
        float[] pixels = video.data();
        model.enter();
        try {
            for (int start = 0; start < video.frames(); start += encodeChunk) {
                int n = Math.min(encodeChunk, video.frames() - start);
                Workspace ws = enc.acquire(List.of((long) n, (long) H, (long) W),
                        Map.of("pixels", new long[] {n, 3, H, W}),
                        Map.of("latent", new long[] {n, channels, shape.height(), shape.width()}));
                try {
                    ws.in("pixels").putAffine(0, pixels, start * fs, n * fs, 2f, -1f);
                    enc.run(ws);
                    ws.out("latent").get(0, out, start * shape.frameSize(), n * shape.frameSize());
                } finally {
                    enc.release(ws);
                }
            }
        } finally {
            model.exit();
        }
        return new Latents(shape, out);
    }

    @Override
    public Video decode(Latents latents) {
        if (latents == null) {
            throw new IllegalArgumentException("Expected latents to decode but found null");
        }
        LatentShape shape = latents.shape();
        if (shape.channels() != channels) {
            throw new IllegalArgumentException("Expected latents with " + channels + " channels but found " + shape);
        }
        int T = shape.frames();
        int H = shape.height() * downscale;
        int W = shape.width() * downscale;
        int lf = shape.frameSize();
        int pf = 3 * H * W;
        float[] out = new float[T * pf];
        int chunk = wholeClip ? T : decodeChunk;
        model.enter();
        try {
            for (int start = 0; start < T; start += chunk) {
                int n = Math.min(chunk, T - start);
                int m = fixedChunk != null ? fixedChunk : n;
                Map<String, long[]> ins = numFrames
                        ? Map.of("latent", new long[] {m, channels, shape.height(), shape.width()},
                                 "numFrames", new long[] {1})
                        : Map.of("latent", new long[] {m, channels, shape.height(), shape.width()});
                Workspace ws = dec.acquire(List.of((long) m, (long) shape.height(), (long) shape.width()), ins,
                        Map.of("pixels", new long[] {m, 3, H, W}));
                try {
                    TensorSlot in = ws.in("latent");
                    in.put(0, latents.data(), start * lf, n * lf);
                    for (int pad = n; pad < m; pad++) {
                        in.put(pad * lf, latents.data(), (start + n - 1) * lf, lf);
                    }
                    if (numFrames) {
                        ws.in("numFrames").setLong(0, m);
                    }
                    dec.run(ws);
                    ws.out("pixels").get(0, out, start * pf, n * pf);
                } finally {
                    dec.release(ws);
                }
            }
        } finally {
            model.exit();
        }
        for (int i = 0; i < out.length; i++) {
            float v = 0.5f * (out[i] + 1f);
            out[i] = v < 0f ? 0f : (v > 1f ? 1f : v);
        }
        return new Video(T, H, W, out);
    }
}
