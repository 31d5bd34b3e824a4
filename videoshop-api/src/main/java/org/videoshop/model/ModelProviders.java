package org.videoshop.model;

import java.nio.file.Path;
import java.util.List;
import org.videoshop.spi.ProviderRegistry;

/** Finds model providers once by ServiceLoader; {@code -Dvideoshop.model.provider=NAME} overrides the rank. */
public final class ModelProviders {

    /** System property naming the model provider to use. */
    public static final String PROPERTY = "videoshop.model.provider";

    private static final String HINT = "Add the dependency org.videoshop:videoshop-onnx (it bundles the tiny model).";
    private static final ProviderRegistry<ModelProvider> REGISTRY = new ProviderRegistry<>(ModelProvider.class,
            "model provider", PROPERTY, HINT);

    private ModelProviders() {
    }

    /** Every model provider found, best rank first. */
    public static List<ModelProvider> all() {
        return REGISTRY.all();
    }

    /** The provider used when none is named. */
    public static ModelProvider selectDefault() {
        return REGISTRY.selectDefault();
    }

    /** The provider of that name. */
    public static ModelProvider select(String name) {
        return REGISTRY.select(name);
    }

    static ModelProvider forLocation(Path location) {
        if (location == null) {
            throw new IllegalArgumentException("Expected a model bundle path but found null");
        }
        if (!java.nio.file.Files.exists(location)) {
            throw new IllegalArgumentException("Expected a model bundle folder at " + location.toAbsolutePath()
                    + " but it is missing" + builtInHint());
        }
        for (ModelProvider p : REGISTRY.all()) {
            if (p.isAvailable() && p.canOpen(location)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Expected a model bundle that one of the model providers can open at "
                + location.toAbsolutePath() + " but none could; providers found: " + REGISTRY.describe()
                + (REGISTRY.all().isEmpty() ? ". " + HINT : ""));
    }

    /** "; built-in models: tiny" (the names every available provider offers), or nothing when there are none. */
    private static String builtInHint() {
        List<String> names = REGISTRY.all().stream().filter(ModelProvider::isAvailable)
                .flatMap(p -> p.builtInModels().stream()).toList();
        return names.isEmpty() ? "" : " (and it is not a built-in model's name: " + String.join(", ", names) + ")";
    }

    static VideoshopModel openNamed(String nameOrPath) {
        if (nameOrPath == null || nameOrPath.isBlank()) {
            throw new IllegalArgumentException("Expected a model name or bundle path but found "
                    + (nameOrPath == null ? "null" : "a blank string"));
        }
        for (ModelProvider p : REGISTRY.all()) {
            if (p.isAvailable() && p.builtInModels().contains(nameOrPath)) {
                return p.openBuiltIn(nameOrPath);
            }
        }
        Path path = Path.of(nameOrPath);
        return forLocation(path).open(path);
    }
}
