package org.videoshop.testing;

import java.util.concurrent.atomic.AtomicBoolean;
import org.videoshop.diffusion.Preconditioning;
import org.videoshop.model.Denoiser;
import org.videoshop.model.Encoder;
import org.videoshop.model.ImageEmbedder;
import org.videoshop.model.ModelSpec;
import org.videoshop.model.VideoshopModel;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Latents;
import org.videoshop.tensor.Video;

/**
 * A complete {@link VideoshopModel} made of exact, inspectable parts, for tests of the pipeline on any backend:
 * the "VAE" averages f x f pixel blocks into channels (R, G, B, luma) and decodes by repeating them, the
 * embedder returns mean colours, and the denoiser is a {@link GaussianMixtureDenoiser} over the latent shape.
 */
public final class AnalyticModel implements VideoshopModel {

    private final ModelSpec spec;
    private final GaussianMixtureDenoiser denoiser;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A model for clips of {@code frames} frames at width x height, downscale f, 4 latent channels. */
    public AnalyticModel(int frames, int width, int height, int downscale, long seed) {
        this.spec = new ModelSpec("analytic", "test", 4, downscale, 0.5, true, frames, 64, width, height,
                Preconditioning.SVD, 0.002, 700, 7, 7, 127, 0.02, 8);
        LatentShape shape = spec.latentShape(frames, height, width);
        this.denoiser = new GaussianMixtureDenoiser(Preconditioning.SVD, shape, 3, 0.5, 1.0, seed);
    }

    public GaussianMixtureDenoiser mixture() {
        return denoiser;
    }

    @Override
    public ModelSpec spec() {
        ensureOpen();
        return spec;
    }

    @Override
    public Encoder encoder() {
        ensureOpen();
        return new BlockEncoder();
    }

    @Override
    public ImageEmbedder embedder() {
        ensureOpen();
        return new ImageEmbedder() {
            @Override
            public int dimension() {
                return 8;
            }

            @Override
            public float[] embed(Frame image) {
                float[] e = new float[8];
                int plane = image.width() * image.height();
                float[] d = image.data();
                for (int c = 0; c < 3; c++) {
                    double s = 0;
                    for (int i = 0; i < plane; i++) {
                        s += d[c * plane + i];
                    }
                    e[c] = (float) (s / plane);
                }
                return e;
            }
        };
    }

    @Override
    public Denoiser denoiser() {
        ensureOpen();
        return denoiser;
    }

    @Override
    public void close() {
        closed.set(true);
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("AnalyticModel is closed");
        }
    }

    private final class BlockEncoder implements Encoder {
        @Override
        public Latents encode(Video video) {
            int f = spec.downscale();
            LatentShape shape = spec.latentShape(video.frames(), video.height(), video.width());
            float[] out = new float[shape.size()];
            int w = video.width();
            int plane = w * video.height();
            float[] pixels = video.data();
            for (int t = 0; t < shape.frames(); t++) {
                for (int y = 0; y < shape.height(); y++) {
                    for (int x = 0; x < shape.width(); x++) {
                        double[] rgb = new double[3];
                        for (int c = 0; c < 3; c++) {
                            for (int dy = 0; dy < f; dy++) {
                                for (int dx = 0; dx < f; dx++) {
                                    rgb[c] += pixels[t * 3 * plane + c * plane + (y * f + dy) * w + x * f + dx];
                                }
                            }
                            rgb[c] = rgb[c] / (f * f) * 2 - 1;
                        }
                        int base = t * shape.frameSize() + y * shape.width() + x;
                        for (int c = 0; c < 3; c++) {
                            out[base + c * shape.planeSize()] = (float) rgb[c];
                        }
                        out[base + 3 * shape.planeSize()] = (float) ((rgb[0] + rgb[1] + rgb[2]) / 3);
                    }
                }
            }
            return new Latents(shape, out);
        }

        @Override
        public Video decode(Latents latents) {
            LatentShape s = latents.shape();
            int f = spec.downscale();
            int w = s.width() * f;
            int h = s.height() * f;
            float[] out = new float[s.frames() * 3 * w * h];
            for (int t = 0; t < s.frames(); t++) {
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            float v = latents.data()[t * s.frameSize() + c * s.planeSize() + (y / f) * s.width() + x / f];
                            out[((t * 3 + c) * h + y) * w + x] = Math.min(1f, Math.max(0f, (v + 1) / 2));
                        }
                    }
                }
            }
            return new Video(s.frames(), h, w, out);
        }
    }
}
