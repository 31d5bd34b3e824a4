package org.videoshop.onnx;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.videoshop.diffusion.Preconditioning;
import org.videoshop.model.ModelSpec;

/**
 * A validated bundle manifest ({@code videoshop-model.json}, docs/bundle-format.md). Immutable; produced only by
 * {@link ManifestReader}, which checks every field, so a value of this type is always consistent.
 *
 * @param format          the manifest format version (1)
 * @param name            the model's name
 * @param description     free text, possibly empty
 * @param version         the manifest's own version string, or null (then the bundle's checksum is used)
 * @param networks        the four ONNX networks
 * @param latent          latent-space facts
 * @param video           native video size, micro-conditioning defaults and recommended guidance
 * @param preconditioning how F becomes D
 * @param schedule        the Karras sigma schedule and the recommended inversion threshold Sigma
 * @param embedder        the conditioning-image embedder's input size and normalisation
 */
public record BundleManifest(int format, String name, String description, String version, Networks networks,
                             Latent latent, VideoDefaults video, Preconditioning preconditioning, Schedule schedule,
                             Embedder embedder) {

    /** The manifest's file name inside a bundle folder. */
    public static final String FILE_NAME = "videoshop-model.json";

    /** The only format version this library reads. */
    public static final int FORMAT = 1;

    /** Tensor element type of a network's main inputs and outputs. */
    public enum Dtype {
        FLOAT32("float32"), FLOAT16("float16");

        private final String key;

        Dtype(String key) {
            this.key = key;
        }

        /** The manifest spelling. */
        public String key() {
            return key;
        }
    }

    /**
     * One ONNX network.
     *
     * @param file         the ONNX file, relative to the bundle folder
     * @param inputs       role (e.g. {@code sample}) to graph input name
     * @param outputs      role to graph output name
     * @param dtype        element type of the main tensors
     * @param fixedChunk   for the decoder: the frame count its graph was traced for, or null for any
     * @param wholeClip    for the decoder: decode every frame of a clip in one call (a temporal decoder mixes frames,
     *                     so chunking changes its output; the authors decode whole clips); never with fixedChunk
     * @param externalData files holding the graph's external weights, relative to the bundle folder (may be empty)
     */
    public record Network(String file, Map<String, String> inputs, Map<String, String> outputs, Dtype dtype,
                          Integer fixedChunk, boolean wholeClip, List<String> externalData) {

        public Network {
            if (wholeClip && fixedChunk != null) {
                throw new IllegalArgumentException("Expected fixedChunk or wholeClip, not both, but found fixedChunk "
                        + fixedChunk + " with wholeClip");
            }
            inputs = Map.copyOf(inputs);
            outputs = Map.copyOf(outputs);
            externalData = List.copyOf(externalData);
        }

        /** The graph name of an input role, or null when the manifest does not name it. */
        public String input(String role) {
            return inputs.get(role);
        }

        /** The graph name of an output role. */
        public String output(String role) {
            return outputs.get(role);
        }
    }

    /** The four networks, by kind. */
    public record Networks(Network imageEmbedder, Network vaeEncoder, Network vaeDecoder, Network unet) {

        /** The network of that kind. */
        public Network get(NetworkKind kind) {
            return switch (kind) {
                case IMAGE_EMBEDDER -> imageEmbedder;
                case VAE_ENCODER -> vaeEncoder;
                case VAE_DECODER -> vaeDecoder;
                case UNET -> unet;
            };
        }
    }

    /**
     * The latent space ({@code $.latent}).
     *
     * @param channels          C
     * @param downscale         f
     * @param scalingFactor     the VAE's latent scaling factor
     * @param normalizePerVideo whether the pipeline normalises video latents per video
     */
    public record Latent(int channels, int downscale, double scalingFactor, boolean normalizePerVideo) {
    }

    /**
     * Native video size and micro-conditioning defaults ({@code $.video}).
     *
     * @param nativeFrames     frames the model was trained on
     * @param width            native width in pixels
     * @param height           native height in pixels
     * @param maxFrames        most frames one UNet call accepts
     * @param fps              default fps conditioning
     * @param motionBucketId   default motion bucket
     * @param noiseAugStrength default conditioning noise augmentation
     * @param sizeMultiple     what pixel widths and heights must be multiples of (optional
     *                         {@code $.video.sizeMultiple}; default {@code $.latent.downscale}): the downscale factor
     *                         times the UNet's own down-sampling
     * @param guidanceMin      recommended generation guidance, first frame (optional {@code $.video.guidance.min};
     *                         default SVD's 1)
     * @param guidanceMax      recommended generation guidance, last frame (optional {@code $.video.guidance.max};
     *                         default SVD's 3)
     */
    public record VideoDefaults(int nativeFrames, int width, int height, int maxFrames, double fps,
                                double motionBucketId, double noiseAugStrength, int sizeMultiple,
                                double guidanceMin, double guidanceMax) {
    }

    /**
     * Karras schedule parameters and the inversion threshold the model recommends ({@code $.schedule}).
     *
     * @param sigmaMin       lowest sigma
     * @param sigmaMax       highest sigma
     * @param rho            Karras rho
     * @param sigmaThreshold recommended inversion threshold Sigma (optional {@code $.schedule.sigmaThreshold};
     *                       default the paper's 1)
     */
    public record Schedule(double sigmaMin, double sigmaMax, double rho, double sigmaThreshold) {
    }

    /**
     * The conditioning-image embedder's input ({@code $.embedder}).
     *
     * @param imageSize square input size S of the embedder
     * @param dimension embedding length D
     * @param mean      per-channel RGB mean (3 values; the record keeps its own copy)
     * @param std       per-channel RGB std (3 positive values; the record keeps its own copy)
     */
    public record Embedder(int imageSize, int dimension, double[] mean, double[] std) {

        public Embedder {
            mean = mean.clone();
            std = std.clone();
        }

        @Override
        public double[] mean() {
            return mean.clone();
        }

        @Override
        public double[] std() {
            return std.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Embedder e && e.imageSize == imageSize && e.dimension == dimension
                    && Arrays.equals(e.mean, mean) && Arrays.equals(e.std, std);
        }

        @Override
        public int hashCode() {
            return (imageSize * 31 + dimension) * 31 + Arrays.hashCode(mean) * 7 + Arrays.hashCode(std);
        }

        @Override
        public String toString() {
            return "Embedder[imageSize=" + imageSize + ", dimension=" + dimension + ", mean="
                    + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
        }
    }

    /** The api's view of this model, with the given version string (the manifest's or the bundle's checksum). */
    public ModelSpec toSpec(String resolvedVersion) {
        return new ModelSpec(name, resolvedVersion, latent.channels(), latent.downscale(), latent.scalingFactor(),
                latent.normalizePerVideo(), video.nativeFrames(), video.maxFrames(), video.width(), video.height(),
                preconditioning, schedule.sigmaMin(), schedule.sigmaMax(), schedule.rho(), video.fps(),
                video.motionBucketId(), video.noiseAugStrength(), embedder.dimension(), video.sizeMultiple(),
                video.guidanceMin(), video.guidanceMax(), schedule.sigmaThreshold());
    }
}
