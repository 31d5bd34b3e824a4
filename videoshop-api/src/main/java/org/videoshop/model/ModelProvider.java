package org.videoshop.model;

import java.nio.file.Path;
import java.util.List;
import org.videoshop.spi.NamedProvider;

/**
 * SPI for model runtimes, registered in {@code META-INF/services/org.videoshop.model.ModelProvider}.
 * Each call to {@code open*} returns a new model owned (and to be closed) by the caller.
 */
public interface ModelProvider extends NamedProvider {

    /** The provider's built-in default model (videoshop-onnx: the bundled tiny model). */
    VideoshopModel openDefault();

    /** Names of built-in models this provider can open by {@link #openBuiltIn(String)}. */
    List<String> builtInModels();

    /** Opens a built-in model by name. */
    VideoshopModel openBuiltIn(String name);

    /** Whether {@code location} looks like a bundle this provider reads (cheap: no model is loaded). */
    boolean canOpen(Path location);

    /** Opens the bundle at {@code location}. */
    VideoshopModel open(Path location);
}
