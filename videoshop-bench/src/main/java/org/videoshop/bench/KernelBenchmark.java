package org.videoshop.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.videoshop.kernel.Backends;
import org.videoshop.kernel.LatentScope;
import org.videoshop.kernel.LatentTensor;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Mask;
import org.videoshop.tensor.Noise;

/**
 * The per-step kernels as an edit runs them, on a backend's own tensors ({@link LatentScope}: heap arrays for
 * {@code java}, ND4J arrays in native memory for {@code nd4j}), one benchmark per kernel at a latent shape, and
 * the memory-bandwidth baseline in the same run: {@code System.arraycopy} of one latent-sized float array into
 * another ({@link #copy}; one array read, one written) and the same copy as a plain loop ({@link #copyLoop}).
 * Each kernel writes to a separate tensor; the kernels that an edit calls in place (the Euler steps, guidance,
 * the mask blend, the normaliser's affine map) are also timed that way ({@code ...InPlace}: the output is the
 * first input, as in {@code Generation}, {@code Inversion}, {@code GuidedNetwork} and {@code ChannelNormalizer}),
 * alternating each call with one that undoes it (inverse coefficients, or the other blend target) so repeated
 * calls keep values bounded. The blend runs with two weights: a soft one (a third of the weights 1, the rest 0.25,
 * in runs of 7 and 14: {@code blend}, {@code blendInPlace}) and an edit's real mask ({@code blendInPlaceMask}: a disc
 * a third of the frame high moving across the clip, drawn at 8x the latent size and area-averaged to it by
 * {@link Mask#latentWeights}, as the pipeline does: 0 or 1 but for its edge). The bytes each call moves are in
 * {@link #STREAMS} (latent-sized arrays read plus written, the same for both forms and both weights), which
 * {@link KernelReport} divides by the time per call and compares with the copy's at the same shape. Times are
 * sampled per call and reported as medians, which a loaded machine's preemptions disturb least.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dvideoshop.bench.fork=true"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class KernelBenchmark {

    /** Latent-sized arrays each kernel reads plus writes per call (channelStats only reads). */
    public static final Map<String, Integer> STREAMS = Map.ofEntries(Map.entry("extrapolate", 3),
            Map.entry("perturb", 3), Map.entry("scale", 2), Map.entry("inverseEulerStep", 3),
            Map.entry("eulerStep", 3), Map.entry("guidance", 3), Map.entry("channelStats", 1),
            Map.entry("affine", 2), Map.entry("blend", 4), Map.entry("copy", 2), Map.entry("copyLoop", 2),
            Map.entry("inverseEulerStepInPlace", 3), Map.entry("eulerStepInPlace", 3),
            Map.entry("guidanceInPlace", 3), Map.entry("affineInPlace", 2), Map.entry("blendInPlace", 4),
            Map.entry("blendInPlaceMask", 4));

    /** The inverse Euler step's sigmas, skip and output coefficients ({@link #inverseEulerStep}). */
    static final float S_CUR = 1.5f;
    static final float S_NEXT = 2.1f;
    static final float C_SKIP = 0.18f;
    static final float C_OUT = -0.9f;

    /** Two Java arrays of one latent shape: the copy baseline's. */
    @State(Scope.Thread)
    public static class Arrays {
        /** Latent shape TxCxhxw, as in {@link Tensors#shape}. */
        @Param({"14x4x72x128", "8x4x16x16"})
        public String shape;

        float[] src;
        float[] dst;

        @Setup(Level.Trial)
        public void setup() {
            int n = parseShape(shape).size();
            src = Noise.gaussian(n, 1);
            dst = new float[n];
        }
    }

    /** A backend's scope with the kernels' input and output tensors at one latent shape. */
    @State(Scope.Thread)
    public static class Tensors {
        /** Backend name; {@link BenchMain} passes every backend found on the classpath. */
        @Param({"java"})
        public String backend;

        /** Latent shape TxCxhxw: SVD's 576x1024 x 14 frames, and the tiny model's. */
        @Param({"14x4x72x128", "8x4x16x16"})
        public String shape;

        LatentScope scope;
        LatentShape latentShape;
        LatentTensor x0;
        LatentTensor x;
        LatentTensor f;
        LatentTensor out;
        LatentTensor weight;
        /** An edit's real mask at latent size ({@link #editMask}). */
        LatentTensor mask;
        float[] frameScales;
        float[] scale;
        float[] shift;
        double[] mean;
        double[] std;
        /** In-place calls alternate a kernel's coefficients with ones that undo it. */
        boolean undo;
        float[] undoFrameScales;
        float[] undoScale;
        float[] undoShift;
        /** The inverse Euler step that undoes {@link #inverseEulerStep}'s with the same sigmas: skip, output. */
        float undoCSkip;
        float undoCOut;

        @Setup(Level.Trial)
        public void setup() {
            scope = Backends.kernels(backend).openScope();
            latentShape = parseShape(shape);
            int n = latentShape.size();
            x0 = scope.upload(Noise.gaussian(n, 1));
            x = scope.upload(Noise.gaussian(n, 2));
            f = scope.upload(Noise.gaussian(n, 3));
            out = scope.zeros(n);
            float[] w = new float[n];
            for (int i = 0; i < n; i++) {
                w[i] = (i / 7) % 3 == 0 ? 1f : 0.25f;
            }
            weight = scope.upload(w);
            mask = scope.upload(editMask(latentShape));
            frameScales = new float[latentShape.frames()];
            for (int t = 0; t < frameScales.length; t++) {
                frameScales[t] = 1f + 2f * t / Math.max(1, frameScales.length - 1);
            }
            int c = latentShape.channels();
            scale = new float[c];
            shift = new float[c];
            for (int i = 0; i < c; i++) {
                scale[i] = 0.9f + 0.05f * i;
                shift[i] = 0.1f * i;
            }
            mean = new double[c];
            std = new double[c];
            undoFrameScales = new float[frameScales.length];
            for (int t = 0; t < frameScales.length; t++) {
                undoFrameScales[t] = 1f / frameScales[t]; // u + (1/g) (u + g (c - u) - u) = c
            }
            undoScale = new float[c];
            undoShift = new float[c];
            for (int i = 0; i < c; i++) {
                undoScale[i] = 1f / scale[i];
                undoShift[i] = -shift[i] / scale[i];
            }
            // out = a x + b f with a = sNext inv, b = d cOut inv, inv = 1 / (d (1 - cSkip) + sNext), d = sCur - sNext;
            // the undoing step has a' = 1 / a and b' = -b / a, so cSkip' and cOut' follow from inv' = a' / sNext
            double d = S_CUR - S_NEXT;
            double inv = 1.0 / (d * (1.0 - C_SKIP) + S_NEXT);
            double a = S_NEXT * inv;
            double b = d * C_OUT * inv;
            double undoInv = 1.0 / a / S_NEXT;
            undoCSkip = (float) (1.0 - (1.0 / undoInv - S_NEXT) / d);
            undoCOut = (float) (-b / a / (d * undoInv));
        }

        /** Flips {@link #undo}, returning its old value. */
        boolean flip() {
            boolean u = undo;
            undo = !u;
            return u;
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            scope.close();
        }
    }

    @Benchmark
    public void copy(Arrays a, Blackhole bh) {
        System.arraycopy(a.src, 0, a.dst, 0, a.src.length);
        bh.consume(a.dst);
    }

    /** The same copy as a plain loop, which C2 vectorises as it does the java kernels (a second reference). */
    @Benchmark
    public void copyLoop(Arrays a, Blackhole bh) {
        float[] s = a.src;
        float[] d = a.dst;
        for (int i = 0; i < s.length; i++) {
            d[i] = s[i];
        }
        bh.consume(d);
    }

    @Benchmark
    public void extrapolate(Tensors t, Blackhole bh) {
        t.scope.extrapolate(t.x0, t.x, 1.7f, 0.3f, t.out);
        bh.consume(t.out);
    }

    @Benchmark
    public void perturb(Tensors t, Blackhole bh) {
        t.scope.perturb(t.x0, t.f, 0.8f, 0.6f, t.out);
        bh.consume(t.out);
    }

    @Benchmark
    public void scale(Tensors t, Blackhole bh) {
        t.scope.scale(t.x, 0.7f, t.out);
        bh.consume(t.out);
    }

    @Benchmark
    public void inverseEulerStep(Tensors t, Blackhole bh) {
        t.scope.inverseEulerStep(t.x, t.f, S_CUR, S_NEXT, C_SKIP, C_OUT, t.out);
        bh.consume(t.out);
    }

    /** In place, as {@code Inversion} calls it; every other call undoes the one before. */
    @Benchmark
    public void inverseEulerStepInPlace(Tensors t, Blackhole bh) {
        if (t.flip()) {
            t.scope.inverseEulerStep(t.x, t.f, S_CUR, S_NEXT, t.undoCSkip, t.undoCOut, t.x);
        } else {
            t.scope.inverseEulerStep(t.x, t.f, S_CUR, S_NEXT, C_SKIP, C_OUT, t.x);
        }
        bh.consume(t.x);
    }

    @Benchmark
    public void eulerStep(Tensors t, Blackhole bh) {
        t.scope.eulerStep(t.x, t.f, 2.1f, 1.5f, 0.18f, -0.9f, t.out);
        bh.consume(t.out);
    }

    /** In place, as {@code Generation} calls it (the iterates contract towards a fixed point, a multiple of f). */
    @Benchmark
    public void eulerStepInPlace(Tensors t, Blackhole bh) {
        t.scope.eulerStep(t.x, t.f, 2.1f, 1.5f, 0.18f, -0.9f, t.x);
        bh.consume(t.x);
    }

    @Benchmark
    public void guidance(Tensors t, Blackhole bh) {
        t.scope.guidance(t.x, t.f, t.frameScales, t.latentShape.frameSize(), t.out);
        bh.consume(t.out);
    }

    /** In place in the conditional output, as {@code GuidedNetwork} calls it; every other call undoes the one before. */
    @Benchmark
    public void guidanceInPlace(Tensors t, Blackhole bh) {
        t.scope.guidance(t.x, t.f, t.flip() ? t.undoFrameScales : t.frameScales, t.latentShape.frameSize(), t.x);
        bh.consume(t.x);
    }

    @Benchmark
    public void channelStats(Tensors t, Blackhole bh) {
        t.scope.channelStats(t.x, t.latentShape, 0, t.latentShape.frames(), t.mean, t.std);
        bh.consume(t.mean);
        bh.consume(t.std);
    }

    @Benchmark
    public void blend(Tensors t, Blackhole bh) {
        t.scope.blend(t.x, t.f, t.weight, t.out);
        bh.consume(t.out);
    }

    /** In place in the first tensor, as {@code Generation} calls it; the other tensor alternates between two. */
    @Benchmark
    public void blendInPlace(Tensors t, Blackhole bh) {
        t.scope.blend(t.x, t.flip() ? t.x0 : t.f, t.weight, t.x);
        bh.consume(t.x);
    }

    /** As {@link #blendInPlace}, with an edit's real mask as the weight ({@link #editMask}). */
    @Benchmark
    public void blendInPlaceMask(Tensors t, Blackhole bh) {
        t.scope.blend(t.x, t.flip() ? t.x0 : t.f, t.mask, t.x);
        bh.consume(t.x);
    }

    @Benchmark
    public void affine(Tensors t, Blackhole bh) {
        t.scope.affine(t.x, t.latentShape, t.scale, t.shift, t.out);
        bh.consume(t.out);
    }

    /** In place, as {@code ChannelNormalizer} calls it; every other call undoes the one before. */
    @Benchmark
    public void affineInPlace(Tensors t, Blackhole bh) {
        boolean undo = t.flip();
        t.scope.affine(t.x, t.latentShape, undo ? t.undoScale : t.scale, undo ? t.undoShift : t.shift, t.x);
        bh.consume(t.x);
    }

    /**
     * The weights of an edit's mask at latent shape {@code s}: a disc of a third of the frame's height in diameter,
     * moving across the frame over the clip, drawn at 8x the latent size and area-averaged to it as the pipeline
     * does ({@link Mask#latentWeights}).
     */
    static float[] editMask(LatentShape s) {
        int h = 8 * s.height();
        int w = 8 * s.width();
        float[] px = new float[s.frames() * h * w];
        double r = h / 6.0;
        for (int t = 0; t < s.frames(); t++) {
            double cx = w * (0.25 + 0.5 * t / Math.max(1, s.frames() - 1));
            double cy = h * 0.5;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double dx = x + 0.5 - cx;
                    double dy = y + 0.5 - cy;
                    px[(t * h + y) * w + x] = dx * dx + dy * dy < r * r ? 1f : 0f;
                }
            }
        }
        return new Mask(s.frames(), h, w, px, 0).latentWeights(s);
    }

    /** Parses {@code TxCxhxw}. */
    public static LatentShape parseShape(String s) {
        String[] p = s.trim().split("[x×]");
        if (p.length != 4) {
            throw new IllegalArgumentException("Expected a latent shape TxCxhxw such as 14x4x72x128 but found " + s);
        }
        return new LatentShape(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]),
                Integer.parseInt(p[3]));
    }

    /** The shape spelled as {@link #parseShape} reads it. */
    public static String formatShape(LatentShape s) {
        return s.frames() + "x" + s.channels() + "x" + s.height() + "x" + s.width();
    }
}
