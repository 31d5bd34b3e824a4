package org.videoshop.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.videoshop.model.Denoiser;
import org.videoshop.model.Encoder;
import org.videoshop.model.ImageEmbedder;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;
import org.videoshop.tensor.Latents;
import org.videoshop.tensor.Video;

/** Wraps a model and counts calls into its networks, so tests can prove that bad input stops before any runs. */
public final class CountingModel implements VideoshopModel {
    private final VideoshopModel delegate;
    private final AtomicInteger calls = new AtomicInteger();

    public CountingModel(VideoshopModel delegate) {
        this.delegate = delegate;
    }

    /** Calls into encoder, decoder, embedder and denoiser so far. */
    public int calls() {
        return calls.get();
    }

    @Override
    public ModelSpec spec() {
        return delegate.spec();
    }

    @Override
    public Encoder encoder() {
        Encoder e = delegate.encoder();
        return new Encoder() {
            @Override
            public Latents encode(Video video) {
                calls.incrementAndGet();
                return e.encode(video);
            }

            @Override
            public Video decode(Latents latents) {
                calls.incrementAndGet();
                return e.decode(latents);
            }
        };
    }

    @Override
    public ImageEmbedder embedder() {
        ImageEmbedder e = delegate.embedder();
        return new ImageEmbedder() {
            @Override
            public int dimension() {
                return e.dimension();
            }

            @Override
            public float[] embed(org.videoshop.tensor.Frame image) {
                calls.incrementAndGet();
                return e.embed(image);
            }
        };
    }

    @Override
    public Denoiser denoiser() {
        Denoiser d = delegate.denoiser();
        return (shape, input, cNoise, condition, out) -> {
            calls.incrementAndGet();
            d.predict(shape, input, cNoise, condition, out);
        };
    }

    @Override
    public void close() {
        delegate.close();
    }
}
