package org.videoshop.onnx;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import org.videoshop.model.Conditioning;
import org.videoshop.model.Denoiser;
import org.videoshop.tensor.LatentShape;

/**
 * The UNet on ONNX Runtime with SVD's call signature: {@code sample} [B,T,2C,h,w] interleaves, per frame, the
 * c_in-scaled noisy latents (C channels) with the conditioning latents (C channels, the same for every frame);
 * {@code timestep} [1] = c_noise; {@code encoder_hidden_states} [B,1,D]; {@code added_time_ids} [B,3].
 * {@link #predictGuided} runs the classifier-free-guidance pair as one batch of 2, unconditional first as diffusers'
 * StableVideoDiffusionPipeline and the authors' code order it: SVD's TransformerSpatioTemporalModel lays its temporal
 * context out position-major and its hidden states batch-major, so with batch 2 the two branches see each other's
 * context at some positions, and the order changes F (the conditional-first order gave 7e-3 relative error after one
 * generation step against the authors' code). Inputs and
 * outputs live in preallocated workspaces reused per shape, so steps allocate no tensor buffers. Owned by its
 * {@link OnnxModel}; thread-safe.
 */
final class OnnxDenoiser implements Denoiser {

    private final OnnxModel model;
    private final OnnxNetwork net;
    private final int channels;
    private final int dimension;

    OnnxDenoiser(OnnxModel model, OnnxNetwork net, BundleManifest m) {
        this.model = model;
        this.net = net;
        this.channels = m.latent().channels();
        this.dimension = m.embedder().dimension();
    }

    @Override
    public void predict(LatentShape shape, float[] input, float cNoise, Conditioning condition, float[] out) {
        run(shape, wrap(input), cNoise, new Conditioning[] {condition}, new FloatBuffer[] {wrap(out)});
    }

    @Override
    public void predictGuided(LatentShape shape, float[] input, float cNoise, Conditioning condition,
                              Conditioning unconditional, float[] outConditional, float[] outUnconditional) {
        // diffusers' order, unconditional first (SVD's temporal layers see the batch, so the order changes F)
        run(shape, wrap(input), cNoise, new Conditioning[] {unconditional, condition},
                new FloatBuffer[] {wrap(outUnconditional), wrap(outConditional)});
    }

    /** Reads the input from, and writes F into, the backend's buffers directly (no intermediate array). */
    @Override
    public void predict(LatentShape shape, FloatBuffer input, float cNoise, Conditioning condition,
                        FloatBuffer out) {
        run(shape, input, cNoise, new Conditioning[] {condition}, new FloatBuffer[] {out});
    }

    /** Reads the input from, and writes both outputs into, the backend's buffers directly. */
    @Override
    public void predictGuided(LatentShape shape, FloatBuffer input, float cNoise, Conditioning condition,
                              Conditioning unconditional, FloatBuffer outConditional, FloatBuffer outUnconditional) {
        run(shape, input, cNoise, new Conditioning[] {unconditional, condition},
                new FloatBuffer[] {outUnconditional, outConditional});
    }

    /** One network call of batch {@code conditions.length}; items keep their order in the batch. */
    @Override
    public void predictBatch(LatentShape shape, FloatBuffer[] inputs, float cNoise, Conditioning[] conditions,
                             FloatBuffer[] outs) {
        if (inputs == null || conditions == null || outs == null || inputs.length != conditions.length
                || outs.length != conditions.length || conditions.length == 0) {
            throw new IllegalArgumentException("Expected one or more inputs, conditions and outputs, as many of each,"
                    + " but found " + (inputs == null ? "null" : inputs.length) + ", "
                    + (conditions == null ? "null" : conditions.length) + " and "
                    + (outs == null ? "null" : outs.length));
        }
        run(shape, inputs, cNoise, conditions, outs);
    }

    private static FloatBuffer wrap(float[] a) {
        return a == null ? null : FloatBuffer.wrap(a);
    }

    private void run(LatentShape shape, FloatBuffer input, float cNoise, Conditioning[] conds, FloatBuffer[] outs) {
        FloatBuffer[] inputs = new FloatBuffer[conds.length];
        java.util.Arrays.fill(inputs, input);
        run(shape, inputs, cNoise, conds, outs);
    }

    /** Batch item i is {@code inputs[i]} (interleaved per frame with its conditioning latents) under conds[i]. */
    private void run(LatentShape shape, FloatBuffer[] inputs, float cNoise, Conditioning[] conds,
                     FloatBuffer[] outs) {
        for (FloatBuffer input : inputs) {
            check(shape, input, conds, outs);
        }
        int b = conds.length;
        int t = shape.frames();
        int h = shape.height();
        int w = shape.width();
        int fs = shape.frameSize();
        model.enter();
        try {
            Workspace ws = net.acquire(List.of((long) b, (long) t, (long) h, (long) w),
                    Map.of("sample", new long[] {b, t, 2L * channels, h, w}, "timestep", new long[] {1},
                            "encoderHiddenStates", new long[] {b, 1, dimension}, "addedTimeIds", new long[] {b, 3}),
                    Map.of("out", new long[] {b, t, channels, h, w}));
            try {
                TensorSlot sample = ws.in("sample");
                TensorSlot ehs = ws.in("encoderHiddenStates");
                TensorSlot ids = ws.in("addedTimeIds");
                for (int i = 0; i < b; i++) {
                    float[] cond = conds[i].latents();
                    for (int f = 0; f < t; f++) {
                        int base = (i * t + f) * 2 * fs;
                        sample.put(base, inputs[i], f * fs, fs);
                        sample.put(base + fs, cond, 0, fs);
                    }
                    ehs.put(i * dimension, conds[i].embedding(), 0, dimension); // (copies: small, per call)
                    ids.put(i * 3, conds[i].addedTimeIds(), 0, 3);
                }
                ws.in("timestep").set(0, cNoise);
                net.run(ws);
                TensorSlot out = ws.out("out");
                for (int i = 0; i < b; i++) {
                    out.get(i * t * fs, outs[i], 0, t * fs);
                }
            } finally {
                net.release(ws);
            }
        } finally {
            model.exit();
        }
    }

    private void check(LatentShape shape, FloatBuffer input, Conditioning[] conds, FloatBuffer[] outs) {
        if (shape == null) {
            throw new IllegalArgumentException("Expected a latent shape but found null");
        }
        if (shape.channels() != channels) {
            throw new IllegalArgumentException("Expected latents with " + channels + " channels but found " + shape);
        }
        int n = shape.size();
        if (input == null || input.capacity() != n) {
            throw new IllegalArgumentException("Expected an input of " + n + " floats for " + shape + " but found "
                    + (input == null ? "null" : input.capacity()));
        }
        for (int i = 0; i < conds.length; i++) {
            Conditioning c = conds[i];
            if (c == null) {
                throw new IllegalArgumentException("Expected a conditioning but found null");
            }
            if (c.latentsLength() != shape.frameSize()) {
                throw new IllegalArgumentException("Expected conditioning latents of one frame, "
                        + shape.frameSize() + " floats [" + channels + ", " + shape.height() + ", " + shape.width()
                        + "], but found " + c.latentsLength());
            }
            if (c.embeddingLength() != dimension) {
                throw new IllegalArgumentException("Expected an embedding of " + dimension + " floats but found "
                        + c.embeddingLength());
            }
            if (outs[i] == null || outs[i].capacity() != n) {
                throw new IllegalArgumentException("Expected an output array of " + n + " floats but found "
                        + (outs[i] == null ? "null" : outs[i].capacity()));
            }
            if (outs[i].isReadOnly()) {
                throw new IllegalArgumentException("Expected a writable output buffer but found a read-only one");
            }
        }
    }
}
