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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.videoshop.kernel.Backends;
import org.videoshop.kernel.LatentKernels;
import org.videoshop.tensor.LatentShape;
import org.videoshop.tensor.Noise;

/**
 * Every fused step kernel of a latent backend, one benchmark per kernel, at a latent shape. Outputs go to a
 * separate array so repeated calls keep values stable; the bytes each call moves are in {@link #STREAMS}
 * (arrays read plus arrays written), which {@link KernelReport} divides by the time per call and compares with
 * {@link CopyBenchmark} at the same shape.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dvideoshop.bench.fork=true"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class KernelBenchmark {

    /** Latent-sized arrays each kernel reads plus writes per call (channelStats only reads). */
    public static final Map<String, Integer> STREAMS = Map.ofEntries(Map.entry("extrapolate", 3),
            Map.entry("perturb", 3), Map.entry("scale", 2), Map.entry("inverseEulerStep", 3),
            Map.entry("eulerStep", 3), Map.entry("guidance", 3), Map.entry("channelStats", 1),
            Map.entry("affine", 2), Map.entry("blend", 4), Map.entry("copy", 2), Map.entry("copyLoop", 2));

    /** Backend name; {@link BenchMain} passes every backend found on the classpath. */
    @Param({"java"})
    public String backend;

    /** Latent shape TxCxhxw: SVD's 576x1024 x 14 frames, and the tiny model's. */
    @Param({"14x4x72x128", "8x4x16x16"})
    public String shape;

    private LatentKernels kernels;
    private LatentShape latentShape;
    private float[] x0;
    private float[] x;
    private float[] f;
    private float[] out;
    private float[] weight;
    private float[] frameScales;
    private float[] scale;
    private float[] shift;
    private double[] mean;
    private double[] std;

    @Setup(Level.Trial)
    public void setup() {
        kernels = Backends.kernels(backend);
        latentShape = parseShape(shape);
        int n = latentShape.size();
        x0 = Noise.gaussian(n, 1);
        x = Noise.gaussian(n, 2);
        f = Noise.gaussian(n, 3);
        out = new float[n];
        weight = new float[n];
        for (int i = 0; i < n; i++) {
            weight[i] = (i / 7) % 3 == 0 ? 1f : 0.25f;
        }
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
    }

    @Benchmark
    public void extrapolate(Blackhole bh) {
        kernels.extrapolate(x0, x, 1.7f, 0.3f, out);
        bh.consume(out);
    }

    @Benchmark
    public void perturb(Blackhole bh) {
        kernels.perturb(x0, f, 0.8f, 0.6f, out);
        bh.consume(out);
    }

    @Benchmark
    public void scale(Blackhole bh) {
        kernels.scale(x, 0.7f, out);
        bh.consume(out);
    }

    @Benchmark
    public void inverseEulerStep(Blackhole bh) {
        kernels.inverseEulerStep(x, f, 1.5f, 2.1f, 0.18f, -0.9f, out);
        bh.consume(out);
    }

    @Benchmark
    public void eulerStep(Blackhole bh) {
        kernels.eulerStep(x, f, 2.1f, 1.5f, 0.18f, -0.9f, out);
        bh.consume(out);
    }

    @Benchmark
    public void guidance(Blackhole bh) {
        kernels.guidance(x, f, frameScales, latentShape.frameSize(), out);
        bh.consume(out);
    }

    @Benchmark
    public void channelStats(Blackhole bh) {
        kernels.channelStats(x, latentShape, 0, latentShape.frames(), mean, std);
        bh.consume(mean);
        bh.consume(std);
    }

    @Benchmark
    public void blend(Blackhole bh) {
        kernels.blend(x, f, weight, out);
        bh.consume(out);
    }

    @Benchmark
    public void affine(Blackhole bh) {
        kernels.affine(x, latentShape, scale, shift, out);
        bh.consume(out);
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
