package org.videoshop.onnx;

import java.util.List;
import java.util.Map;

/**
 * The four networks of a bundle, with the manifest key of each, the roles of its inputs and outputs (the keys of
 * {@code inputs} / {@code outputs} in the manifest) and the tensor rank each role must have in the graph.
 */
public enum NetworkKind {
    /** The conditioning-image embedder: pixels [N,3,S,S] to embedding [N,1,D]. */
    IMAGE_EMBEDDER("imageEmbedder", Map.of("pixels", 4), Map.of(), Map.of("embedding", 3)),
    /** The VAE encoder: pixels [N,3,H,W] in [-1,1] to the posterior mean [N,C,h,w]. */
    VAE_ENCODER("vaeEncoder", Map.of("pixels", 4), Map.of(), Map.of("latent", 4)),
    /** The VAE decoder: latents [N,C,h,w] (and optionally the frame count, SVD's temporal decoder) to pixels. */
    VAE_DECODER("vaeDecoder", Map.of("latent", 4), Map.of("numFrames", -1), Map.of("pixels", 4)),
    /** The spatio-temporal UNet F. */
    UNET("unet", Map.of("sample", 5, "timestep", -1, "encoderHiddenStates", 3, "addedTimeIds", 2), Map.of(),
            Map.of("out", 5));

    private final String key;
    private final Map<String, Integer> requiredInputs;
    private final Map<String, Integer> optionalInputs;
    private final Map<String, Integer> outputs;

    NetworkKind(String key, Map<String, Integer> requiredInputs, Map<String, Integer> optionalInputs,
                Map<String, Integer> outputs) {
        this.key = key;
        this.requiredInputs = requiredInputs;
        this.optionalInputs = optionalInputs;
        this.outputs = outputs;
    }

    /** The key under {@code networks} in the manifest. */
    public String key() {
        return key;
    }

    /** Input roles that every bundle must name. */
    public List<String> requiredInputs() {
        return requiredInputs.keySet().stream().sorted().toList();
    }

    /** Input roles a bundle may name. */
    public List<String> optionalInputs() {
        return optionalInputs.keySet().stream().sorted().toList();
    }

    /** Output roles that every bundle must name. */
    public List<String> outputs() {
        return outputs.keySet().stream().sorted().toList();
    }

    /** Every input role, required or optional. */
    public List<String> allInputs() {
        return java.util.stream.Stream.concat(requiredInputs.keySet().stream(), optionalInputs.keySet().stream())
                .sorted().toList();
    }

    /**
     * The rank the graph's tensor for that role must have, or -1 for a scalar-like input that may be rank 0 or 1
     * ({@code timestep}, {@code numFrames}).
     */
    public int rank(String role, boolean input) {
        Integer r = input ? requiredInputs.getOrDefault(role, optionalInputs.get(role)) : outputs.get(role);
        if (r == null) {
            throw new IllegalArgumentException("Expected a " + (input ? "input" : "output") + " role of " + key
                    + " but found " + role);
        }
        return r;
    }
}
