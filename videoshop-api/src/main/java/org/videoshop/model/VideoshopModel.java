package org.videoshop.model;

import java.nio.file.Path;

/**
 * A loaded image-to-video diffusion model: its networks and its spec. It owns every native resource behind its
 * networks and releases them in {@link #close()}; closing twice is harmless, and any use after close throws
 * {@link IllegalStateException}. The networks may be used from several threads at once.
 */
public interface VideoshopModel extends AutoCloseable {

    /** What the pipeline must know about the model. */
    ModelSpec spec();

    /** The VAE; owned by this model. */
    Encoder encoder();

    /** The conditioning-image embedder; owned by this model. */
    ImageEmbedder embedder();

    /** The UNet; owned by this model. */
    Denoiser denoiser();

    /** Releases the model's native resources. Idempotent. */
    @Override
    void close();

    /** Opens the default model of the highest-ranked model provider (with videoshop-onnx: the bundled tiny model). */
    static VideoshopModel openDefault() {
        return ModelProviders.selectDefault().openDefault();
    }

    /** Opens the model bundle at {@code location} (a folder holding a manifest) with a provider that can read it. */
    static VideoshopModel open(Path location) {
        return ModelProviders.forLocation(location).open(location);
    }

    /** Opens a model by name: a provider's built-in model ({@code tiny}), or else a bundle path. */
    static VideoshopModel open(String nameOrPath) {
        return ModelProviders.openNamed(nameOrPath);
    }
}
