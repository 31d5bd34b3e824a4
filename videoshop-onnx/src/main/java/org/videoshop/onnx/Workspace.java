package org.videoshop.onnx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The preallocated input and output tensors of one network call of one shape, keyed by role. Reused across calls
 * through {@link WorkspacePool}; used by one thread at a time.
 */
final class Workspace {

    final List<Long> key;
    final Map<String, TensorSlot> inputs = new LinkedHashMap<>();
    final Map<String, TensorSlot> outputs = new LinkedHashMap<>();

    Workspace(List<Long> key) {
        this.key = key;
    }

    TensorSlot in(String role) {
        return inputs.get(role);
    }

    TensorSlot out(String role) {
        return outputs.get(role);
    }
}
