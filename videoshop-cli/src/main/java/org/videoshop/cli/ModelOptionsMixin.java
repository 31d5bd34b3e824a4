package org.videoshop.cli;

import org.videoshop.VideoshopOptions;
import org.videoshop.kernel.Backends;
import picocli.CommandLine.Option;

/** picocli mixin for {@code --model} and {@code --backend}: which model runs an edit, and on which latent backend. */
public final class ModelOptionsMixin {

    /** The model used when {@code --model} is not given: the tiny model bundled with videoshop-onnx. */
    public static final String DEFAULT_MODEL = "tiny";

    @Option(names = {"-m", "--model"}, paramLabel = "DIR|NAME", defaultValue = DEFAULT_MODEL,
            description = "A model bundle folder, or a built-in model's name (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Latent-math backend, e.g. java or nd4j (default: the best found; see 'videoshop info').")
    String backend;

    /** The model bundle folder or built-in model name given by {@code --model}. */
    public String model() {
        return model;
    }

    /** Sets the backend on {@code b}; null (the default backend) when {@code --backend} is not given. */
    VideoshopOptions.Builder applyTo(VideoshopOptions.Builder b) {
        return b.backend(backend);
    }

    /** Fails with an {@link IllegalStateException} or {@link IllegalArgumentException} for an unusable backend. */
    void checkBackend() {
        if (backend != null) {
            Backends.kernels(backend); // an unknown or unavailable name fails here, before any work
        }
    }
}
