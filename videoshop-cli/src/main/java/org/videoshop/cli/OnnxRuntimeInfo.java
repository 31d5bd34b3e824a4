package org.videoshop.cli;

import java.lang.reflect.Method;

/**
 * ONNX Runtime's version and execution providers, looked up by reflection so that the command line compiles and
 * runs without ONNX Runtime on the classpath (another model provider may be in use).
 */
final class OnnxRuntimeInfo {

    private static final String ENVIRONMENT = "ai.onnxruntime.OrtEnvironment";

    private OnnxRuntimeInfo() {
    }

    /** e.g. {@code "1.24.1, execution providers [CPU]"}, or why it is not available. */
    static String describe() {
        Class<?> env;
        try {
            env = Class.forName(ENVIRONMENT, false, OnnxRuntimeInfo.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return "not on the classpath";
        }
        try {
            // Not the package's Implementation-Version: in the shaded jar that is videoshop's own.
            Object instance = env.getMethod("getEnvironment").invoke(null);
            String nativeVersion = call(instance, "getVersion");
            Method providers = env.getMethod("getAvailableProviders");
            Object found = providers.invoke(null);
            return nativeVersion + ", execution providers " + found;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return "on the classpath but unavailable: " + VideoshopCli.oneLine(cause);
        }
    }

    private static String call(Object target, String method) {
        try {
            return String.valueOf(target.getClass().getMethod(method).invoke(target));
        } catch (ReflectiveOperationException e) {
            return "unknown";
        }
    }
}
