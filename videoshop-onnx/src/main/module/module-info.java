/**
 * The {@code onnx} model provider: model bundles (manifests, the built-in {@code tiny} model) run on ONNX Runtime,
 * and {@code .inv} files of inverted clips ({@code org.videoshop.onnx.store}).
 */
module org.videoshop.onnx {
    requires transitive org.videoshop;
    requires com.microsoft.onnxruntime;
    requires com.fasterxml.jackson.databind;

    exports org.videoshop.onnx;
    exports org.videoshop.onnx.store;

    provides org.videoshop.model.ModelProvider with org.videoshop.onnx.OnnxModelProvider;
}
