package org.videoshop.onnx.authors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.videoshop.Stage;
import org.videoshop.VideoshopOptions;
import org.videoshop.kernel.Backends;
import org.videoshop.model.Conditioning;
import org.videoshop.model.Denoiser;
import org.videoshop.model.Encoder;
import org.videoshop.model.ImageEmbedder;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;
import org.videoshop.onnx.OnnxModel;
import org.videoshop.onnx.OnnxOptions;
import org.videoshop.pipeline.EditPipeline;
import org.videoshop.InvertedClip;
import org.videoshop.pipeline.StepContext;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Images;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Latents;
import org.videoshop.tensor.Video;

/**
 * A reference run of the paper authors' code written by scripts/svd/reference/reference.py
 * (reference.json, one .bin per stage, inputs/ with the clip) and the same edit made by the Java pipeline on the
 * bundle export_svd.py made from the same weights, stage by stage. The Java run uses the real OnnxModel; the
 * model is wrapped only to copy what passes through it (conditions, the decoder's input), never to change it.
 */
public final class AuthorsReference {

    private final Path folder;
    private final JsonNode index;

    public AuthorsReference(Path folder) {
        this.folder = folder;
        try {
            this.index = new ObjectMapper().readTree(folder.resolve("reference.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode settings() {
        return index.get("settings");
    }

    /** The stage names in the order reference.py wrote them. */
    public List<String> stages() {
        List<String> out = new ArrayList<>();
        index.get("stages").fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** One stage's array as float32 (float16 files widened). */
    public float[] stage(String name) {
        JsonNode s = index.get("stages").get(name);
        if (s == null) {
            throw new IllegalArgumentException("Expected a reference stage '" + name + "' but found only " + stages());
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(folder.resolve(s.get("file").asText())))
                    .order(ByteOrder.LITTLE_ENDIAN);
            String dtype = s.get("dtype").asText();
            int width = switch (dtype) {
                case "uint8" -> 1;
                case "float16" -> 2;
                case "float32" -> 4;
                default -> throw new IllegalStateException("Expected a stage dtype uint8, float16 or float32 but found "
                        + dtype);
            };
            float[] out = new float[b.remaining() / width];
            for (int i = 0; i < out.length; i++) {
                out[i] = switch (width) {
                    case 1 -> (b.get() & 0xFF) / 255f;
                    case 2 -> ai.onnxruntime.platform.Fp16Conversions.fp16ToFloat(b.getShort());
                    default -> b.getFloat();
                };
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The options of the authors' run that reference.py recorded: {@link VideoshopOptions#authors()} plus its
     * settings, its normalisation by the provider name it wrote ({@code per-frame} or {@code per-channel}).
     */
    public VideoshopOptions options() {
        JsonNode s = settings();
        return VideoshopOptions.authorsBuilder()
                .seed(s.get("seed").asLong())
                .steps(s.get("steps").asInt())
                .strength(s.get("strength").asDouble())
                .guidance(s.get("guidanceMin").asDouble(), s.get("guidanceMax").asDouble())
                .noiseAugStrength(s.get("noiseAugStrength").asDouble())
                .normalization(s.get("normalization").asText()) // a provider's name; the options refuse others
                .build();
    }

    public Video source() {
        int frames = settings().get("frames").asInt();
        List<Frame> list = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            list.add(read(String.format("inputs/frame_%02d.png", t)));
        }
        return Video.of(list);
    }

    public Frame edited() {
        return read("inputs/edited.png");
    }

    /** The clip's PNGs: in the reference's folder, or shared in its parent. */
    private Frame read(String file) {
        Path path = Files.exists(folder.resolve(file)) ? folder.resolve(file) : folder.getParent().resolve(file);
        try {
            BufferedImage img = ImageIO.read(path.toFile());
            if (img == null) {
                throw new IllegalStateException("Expected a PNG at " + path + " but could not read it");
            }
            return Images.toFrame(img);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the Java pipeline on {@code bundle} with {@code options} and returns its arrays under the reference's names. */
    public Map<String, float[]> runJava(Path bundle, VideoshopOptions options, String backend) {
        Map<String, float[]> out = new LinkedHashMap<>();
        OnnxOptions onnx = OnnxOptions.builder().intraOpThreads(1).interOpThreads(1).build();
        try (OnnxModel model = OnnxModel.open(bundle, onnx)) {
            Copying copying = new Copying(model, out);
            EditPipeline pipeline = new EditPipeline(copying, Backends.kernels(backend), options);
            StepContext ctx = new StepContext(null, null, (stage, step, sigma, shape, x) -> {
                if (stage == Stage.INVERT) {
                    out.put(String.format("invert_%02d", step), x.clone());
                } else if (stage == Stage.GENERATE) {
                    out.put(String.format("generate_%02d", step), x.clone());
                }
            });
            InvertedClip inverted = pipeline.invert(source(), ctx);
            out.put("x0", inverted.trajectory().get(inverted.trajectory().size() - 1).clone());
            Video video = pipeline.edit(inverted, edited(), null, ctx).video();
            out.put("frames", video.data().clone());
        }
        return out;
    }

    /** Relative L2 error |a - b| / |b|. */
    public static double relativeError(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Expected arrays of one length but found " + a.length + " and "
                    + b.length);
        }
        double d = 0;
        double n = 0;
        for (int i = 0; i < a.length; i++) {
            double e = (double) a[i] - b[i];
            d += e * e;
            n += (double) b[i] * b[i];
        }
        return Math.sqrt(d / Math.max(n, 1e-30));
    }

    /** PSNR in dB of frames in [0, 1]. */
    public static double psnr(float[] a, float[] b) {
        double mse = 0;
        for (int i = 0; i < a.length; i++) {
            double e = (double) a[i] - b[i];
            mse += e * e;
        }
        mse /= a.length;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(1.0 / mse);
    }

    /** The real model, with what passes through it copied into {@code out}. */
    private static final class Copying implements VideoshopModel {
        private final VideoshopModel model;
        private final Map<String, float[]> out;

        Copying(VideoshopModel model, Map<String, float[]> out) {
            this.model = model;
            this.out = out;
        }

        @Override
        public ModelSpec spec() {
            return model.spec();
        }

        @Override
        public ImageEmbedder embedder() {
            return model.embedder();
        }

        @Override
        public Encoder encoder() {
            Encoder e = model.encoder();
            return new Encoder() {
                @Override
                public Latents encode(Video video) {
                    return e.encode(video);
                }

                @Override
                public Video decode(Latents latents) {
                    out.put("decoder_input", latents.data().clone());
                    return e.decode(latents);
                }
            };
        }

        @Override
        public Denoiser denoiser() {
            Denoiser d = model.denoiser();
            return new Denoiser() {
                @Override
                public void predict(LatentShape shape, float[] input, float cNoise, Conditioning c, float[] o) {
                    keep("inversion", c);
                    d.predict(shape, input, cNoise, c, o);
                }

                @Override
                public void predictGuided(LatentShape shape, float[] input, float cNoise, Conditioning c,
                                          Conditioning u, float[] oc, float[] ou) {
                    keep("generation", c);
                    d.predictGuided(shape, input, cNoise, c, u, oc, ou);
                }

                private void keep(String pass, Conditioning c) {
                    out.putIfAbsent(pass + "_condition", c.latents().clone());
                    out.putIfAbsent(pass + "_embedding", c.embedding().clone());
                }
            };
        }

        @Override
        public void close() {
            model.close();
        }
    }
}
