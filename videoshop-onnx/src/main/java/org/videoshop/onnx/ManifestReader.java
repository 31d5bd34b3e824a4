package org.videoshop.onnx;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.videoshop.diffusion.Prediction;
import org.videoshop.diffusion.Preconditioning;
import org.videoshop.model.ModelSpec;

/**
 * The one place where a bundle manifest is read and validated: JSON syntax, unknown and missing fields, types,
 * ranges, cross-field rules and the files it names (through a {@link FileCheck} supplied by the bundle's
 * location). Every failure is an {@link InvalidBundleException} naming the field's JSON path. Stateless and
 * thread-safe.
 */
public final class ManifestReader {

    /** Checks that a file named by the manifest exists inside the bundle (and does not leave it). */
    @FunctionalInterface
    public interface FileCheck {
        /**
         * @param jsonPath the manifest field naming the file, for the error message
         * @param relative the path as written in the manifest (already checked to be relative and inside)
         * @throws InvalidBundleException when the file is missing, not a regular file, or resolves outside
         */
        void check(String jsonPath, String relative);
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Largest accepted image side, latent channel count, frame count, embedding length (sanity bounds). */
    static final int MAX_SIDE = 16384;
    static final int MAX_CHANNELS = 1024;
    static final int MAX_FRAMES = 4096;
    static final int MAX_DIMENSION = 1 << 20;
    /** Largest accepted recommended guidance scale (a sanity bound; SVD recommends at most 3). */
    static final double MAX_GUIDANCE = 1000;
    /** Largest accepted recommended inversion threshold Sigma (the bound on {@code $.schedule.sigmaMax}). */
    static final double MAX_SIGMA_THRESHOLD = 1e9;

    private ManifestReader() {
    }

    /**
     * Parses and validates a manifest.
     *
     * @param json   the manifest's bytes (UTF-8)
     * @param source where it came from, for messages
     * @param files  checks each file the manifest names
     */
    public static BundleManifest read(byte[] json, String source, FileCheck files) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidBundleException(source, BundleManifest.FILE_NAME, "expected well-formed JSON but found: "
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr(), e);
        } catch (java.io.IOException e) {
            throw new InvalidBundleException(source, BundleManifest.FILE_NAME, "could not be read: " + e, e);
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidBundleException(source, BundleManifest.FILE_NAME, "expected a JSON object but the file "
                    + "is empty");
        }
        JsonFields r = new JsonFields(source, "$", root);
        int format = r.integer("format", BundleManifest.FORMAT, BundleManifest.FORMAT);
        String name = r.string("name");
        String description = r.optionalString("description");
        String version = r.optionalString("version");
        if (version != null && version.isBlank()) {
            throw r.error(r.child("version"), "a non-blank string or no field", r.raw("version"));
        }
        BundleManifest.Latent latent = latent(r.object("latent"));
        BundleManifest.VideoDefaults video = video(r.object("video"), latent.downscale());
        Preconditioning pre = preconditioning(r.object("preconditioning"));
        BundleManifest.Schedule schedule = schedule(r.object("schedule"));
        BundleManifest.Embedder embedder = embedder(r.object("embedder"));
        BundleManifest.Networks networks = networks(r.object("networks"), files);
        r.finish();
        return new BundleManifest(format, name, description == null ? "" : description, version, networks, latent,
                video, pre, schedule, embedder);
    }

    private static BundleManifest.Latent latent(JsonFields r) {
        int channels = r.integer("channels", 1, MAX_CHANNELS);
        int downscale = r.integer("downscale", 1, 256);
        double scaling = r.number("scalingFactor", 0, true, 1e6);
        boolean perVideo = r.bool("normalizePerVideo");
        r.finish();
        return new BundleManifest.Latent(channels, downscale, scaling, perVideo);
    }

    private static BundleManifest.VideoDefaults video(JsonFields r, int downscale) {
        int nativeFrames = r.integer("nativeFrames", 1, MAX_FRAMES);
        int width = r.integer("width", 1, MAX_SIDE);
        int height = r.integer("height", 1, MAX_SIDE);
        if (width % downscale != 0) {
            throw r.error(r.child("width"), "a multiple of $.latent.downscale (" + downscale + ")", r.raw("width"));
        }
        if (height % downscale != 0) {
            throw r.error(r.child("height"), "a multiple of $.latent.downscale (" + downscale + ")", r.raw("height"));
        }
        Integer multiple = r.optionalInteger("sizeMultiple", 1, MAX_SIDE);
        int sizeMultiple = multiple == null ? downscale : multiple;
        if (sizeMultiple % downscale != 0) {
            throw r.error(r.child("sizeMultiple"), "a multiple of $.latent.downscale (" + downscale + ")",
                    r.raw("sizeMultiple"));
        }
        if (width % sizeMultiple != 0 || height % sizeMultiple != 0) {
            throw r.error(r.child("sizeMultiple"), "a divisor of $.video.width and $.video.height (" + width + "x"
                    + height + ")", r.raw("sizeMultiple"));
        }
        int maxFrames = r.integer("maxFrames", 1, MAX_FRAMES);
        if (maxFrames < nativeFrames) {
            throw r.error(r.child("maxFrames"), "an integer >= $.video.nativeFrames (" + nativeFrames + ")",
                    r.raw("maxFrames"));
        }
        double fps = r.number("fps", 0, true, 1000);
        double motion = r.number("motionBucketId", 0, false, 1e6);
        double aug = r.number("noiseAugStrength", 0, false, 10);
        double[] guidance = guidance(r);
        r.finish();
        return new BundleManifest.VideoDefaults(nativeFrames, width, height, maxFrames, fps, motion, aug,
                sizeMultiple, guidance[0], guidance[1]);
    }

    /**
     * The optional {@code $.video.guidance} object {@code {"min": number, "max": number}}: the classifier-free
     * guidance range the model recommends for generation; absent or null means SVD's 1 to 3.
     */
    private static double[] guidance(JsonFields video) {
        JsonNode node = video.raw("guidance");
        if (node == null || node.isNull()) {
            return new double[] {ModelSpec.SVD_GUIDANCE_MIN, ModelSpec.SVD_GUIDANCE_MAX};
        }
        JsonFields g = video.object("guidance");
        double min = g.number("min", 0, false, MAX_GUIDANCE);
        double max = g.number("max", 0, false, MAX_GUIDANCE);
        g.finish();
        return new double[] {min, max};
    }

    private static Preconditioning preconditioning(JsonFields r) {
        String p = r.string("prediction");
        Prediction prediction;
        try {
            prediction = Prediction.parse(p);
        } catch (IllegalArgumentException e) {
            throw r.error(r.child("prediction"), "one of \"v\", \"eps\", \"x0\"", r.raw("prediction"));
        }
        double sigmaData = r.number("sigmaData", 0, true, 1e6);
        r.finish();
        return new Preconditioning(prediction, sigmaData);
    }

    private static BundleManifest.Schedule schedule(JsonFields r) {
        double min = r.number("sigmaMin", 0, true, 1e6);
        double max = r.number("sigmaMax", 0, true, 1e9);
        if (max <= min) {
            throw r.error(r.child("sigmaMax"), "a number > $.schedule.sigmaMin (" + min + ")", r.raw("sigmaMax"));
        }
        double rho = r.number("rho", 0, true, 1e3);
        double threshold = sigmaThreshold(r);
        r.finish();
        return new BundleManifest.Schedule(min, max, rho, threshold);
    }

    /**
     * The optional {@code $.schedule.sigmaThreshold}: the inversion threshold Sigma the model recommends (at or
     * below it noise-extrapolated inversion uses fixed noise instead of extrapolation); a finite number >= 0,
     * absent or null meaning the paper's 1.
     */
    private static double sigmaThreshold(JsonFields schedule) {
        JsonNode node = schedule.raw("sigmaThreshold");
        if (node == null || node.isNull()) {
            return ModelSpec.PAPER_SIGMA_THRESHOLD;
        }
        return schedule.number("sigmaThreshold", 0, false, MAX_SIGMA_THRESHOLD);
    }

    private static BundleManifest.Embedder embedder(JsonFields r) {
        int size = r.integer("imageSize", 1, MAX_SIDE);
        int dim = r.integer("dimension", 1, MAX_DIMENSION);
        JsonNode meanNode = r.array("mean", 3);
        JsonNode stdNode = r.array("std", 3);
        double[] mean = new double[3];
        double[] std = new double[3];
        for (int i = 0; i < 3; i++) {
            mean[i] = r.checkNumber(r.child("mean") + "[" + i + "]", meanNode.get(i), -1e3, false, 1e3);
            std[i] = r.checkNumber(r.child("std") + "[" + i + "]", stdNode.get(i), 0, true, 1e3);
        }
        r.finish();
        return new BundleManifest.Embedder(size, dim, mean, std);
    }

    private static BundleManifest.Networks networks(JsonFields r, FileCheck files) {
        Map<NetworkKind, BundleManifest.Network> nets = new LinkedHashMap<>();
        for (NetworkKind kind : NetworkKind.values()) {
            nets.put(kind, network(r.object(kind.key()), kind, files));
        }
        r.finish();
        return new BundleManifest.Networks(nets.get(NetworkKind.IMAGE_EMBEDDER), nets.get(NetworkKind.VAE_ENCODER),
                nets.get(NetworkKind.VAE_DECODER), nets.get(NetworkKind.UNET));
    }

    private static BundleManifest.Network network(JsonFields r, NetworkKind kind, FileCheck files) {
        String file = r.string("file");
        checkRelative(r, r.child("file"), file);
        files.check(r.child("file"), file);
        Map<String, String> inputs = names(r.object("inputs"), kind.requiredInputs(), kind.optionalInputs());
        Map<String, String> outputs = names(r.object("outputs"), kind.outputs(), List.of());
        String dt = r.string("dtype");
        BundleManifest.Dtype dtype = switch (dt.toLowerCase(Locale.ROOT)) {
            case "float32" -> BundleManifest.Dtype.FLOAT32;
            case "float16" -> BundleManifest.Dtype.FLOAT16;
            default -> throw r.error(r.child("dtype"), "\"float32\" or \"float16\"", r.raw("dtype"));
        };
        Integer fixedChunk = null;
        boolean wholeClip = false;
        if (kind == NetworkKind.VAE_DECODER) {
            fixedChunk = r.optionalInteger("fixedChunk", 1, MAX_FRAMES);
            wholeClip = r.optionalBoolean("wholeClip", false);
            if (wholeClip && fixedChunk != null) {
                throw r.error(r.child("wholeClip"), "false or absent when fixedChunk is set (a decoder traced for "
                        + fixedChunk + " frames cannot take a whole clip)", r.raw("wholeClip"));
            }
        }
        List<String> external = r.optionalStrings("externalData");
        for (int i = 0; i < external.size(); i++) {
            String at = r.child("externalData") + "[" + i + "]";
            checkRelative(r, at, external.get(i));
            files.check(at, external.get(i));
        }
        r.finish();
        return new BundleManifest.Network(file, inputs, outputs, dtype, fixedChunk, wholeClip, external);
    }

    private static Map<String, String> names(JsonFields r, List<String> required, List<String> optional) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> graphNames = new HashSet<>();
        for (String role : required) {
            out.put(role, r.string(role));
        }
        for (String role : optional) {
            JsonNode v = r.raw(role);
            if (v != null && !v.isNull()) {
                out.put(role, r.string(role));
            }
        }
        for (Map.Entry<String, String> e : out.entrySet()) {
            if (!graphNames.add(e.getValue())) {
                throw r.error(r.child(e.getKey()), "expected a graph name not used by another role of this network but found "
                        + "\"" + e.getValue() + "\" twice");
            }
        }
        r.finish();
        return out;
    }

    /** Refuses absolute paths, drive letters, backslashes, empty segments and any {@code ..} segment. */
    static void checkRelative(JsonFields r, String at, String path) {
        String problem = null;
        if (path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:.*")) {
            problem = "an absolute path";
        } else if (path.contains("\\")) {
            problem = "a backslash (use '/')";
        } else {
            for (String seg : path.split("/", -1)) {
                if (seg.equals("..")) {
                    problem = "a '..' segment that leaves the bundle folder";
                } else if (seg.isEmpty() || seg.equals(".")) {
                    problem = "an empty or '.' segment";
                }
                if (problem != null) {
                    break;
                }
            }
        }
        if (problem != null) {
            throw r.error(at, "expected a path relative to the bundle folder that stays inside it but found \""
                    + path + "\", " + problem);
        }
    }
}
