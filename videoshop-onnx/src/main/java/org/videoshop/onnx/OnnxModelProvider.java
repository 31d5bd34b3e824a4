package org.videoshop.onnx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.videoshop.model.ModelProvider;
import org.videoshop.model.VideoshopModel;

/**
 * The ONNX Runtime model provider (name {@code onnx}, rank 100), found by {@link java.util.ServiceLoader}. It opens
 * bundle folders ({@link #open(Path)}) and the built-in {@code tiny} model shipped in this jar. Options come from
 * system properties ({@link OnnxOptions#fromSystemProperties()}). Every model it returns is new and owned by the
 * caller. Stateless and thread-safe.
 */
public final class OnnxModelProvider implements ModelProvider {

    /** The built-in model's name. */
    public static final String TINY = "tiny";

    /** Classpath folder of the bundled tiny model. */
    public static final String TINY_RESOURCE = "videoshop/models/tiny";

    private static volatile Boolean available;

    /** Used by ServiceLoader. */
    public OnnxModelProvider() {
    }

    @Override
    public String name() {
        return "onnx";
    }

    @Override
    public int rank() {
        return 100;
    }

    /** Whether ONNX Runtime's native library loads on this platform (checked once). */
    @Override
    public boolean isAvailable() {
        Boolean a = available;
        if (a == null) {
            try {
                ai.onnxruntime.OrtEnvironment.getEnvironment();
                a = Boolean.TRUE;
            } catch (RuntimeException | LinkageError e) {
                a = Boolean.FALSE;
            }
            available = a;
        }
        return a;
    }

    /**
     * The bundled tiny model.
     *
     * @throws IllegalStateException when the tiny model's bundle is not on the classpath
     */
    @Override
    public VideoshopModel openDefault() {
        return openBuiltIn(TINY);
    }

    @Override
    public List<String> builtInModels() {
        return List.of(TINY);
    }

    @Override
    public VideoshopModel openBuiltIn(String name) {
        if (!TINY.equals(name)) {
            throw new IllegalArgumentException("Expected a built-in model name, one of " + builtInModels()
                    + ", but found " + name);
        }
        ModelBundle b = ModelBundle.readResource(TINY_RESOURCE, OnnxModelProvider.class.getClassLoader());
        if (b == null) {
            throw new IllegalStateException("Expected the bundled tiny model at classpath:" + TINY_RESOURCE + "/"
                    + BundleManifest.FILE_NAME + " but it is missing from the classpath (this build of "
                    + "videoshop-onnx does not include it yet); open a bundle folder with VideoshopModel.open(path)");
        }
        return OnnxModel.open(b, OnnxOptions.fromSystemProperties());
    }

    /** Whether {@code location} is a folder holding {@value BundleManifest#FILE_NAME}; loads nothing. */
    @Override
    public boolean canOpen(Path location) {
        return location != null && Files.isDirectory(location)
                && Files.isRegularFile(location.resolve(BundleManifest.FILE_NAME));
    }

    @Override
    public VideoshopModel open(Path location) {
        return OnnxModel.open(location, OnnxOptions.fromSystemProperties());
    }
}
