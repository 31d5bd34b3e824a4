package org.videoshop.bench;

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
import org.videoshop.tensor.Noise;

/**
 * The per-step kernels as an edit runs them: on the backend's own tensors ({@link LatentScope}), with no copy to
 * or from Java arrays. Same kernels, arguments and streams ({@link KernelBenchmark#STREAMS}) as
 * {@link KernelBenchmark}, whose {@code float[]} calls include the copies a backend with native memory makes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dvideoshop.bench.fork=true"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class TensorKernelBenchmark {

    /** Backend name; {@link BenchMain} passes every backend found on the classpath. */
    @Param({"java"})
    public String backend;

    /** Latent shape TxCxhxw: SVD's 576x1024 x 14 frames, and the tiny model's. */
    @Param({"14x4x72x128", "8x4x16x16"})
    public String shape;

    private LatentScope scope;
    private LatentShape latentShape;
    private LatentTensor x0;
    private LatentTensor x;
    private LatentTensor f;
    private LatentTensor out;
    private LatentTensor weight;
    private float[] frameScales;
    private float[] scale;
    private float[] shift;
    private double[] mean;
    private double[] std;

    @Setup(Level.Trial)
    public void setup() {
        scope = Backends.kernels(backend).openScope();
        latentShape = KernelBenchmark.parseShape(shape);
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

    @TearDown(Level.Trial)
    public void tearDown() {
        scope.close();
    }

    @Benchmark
    public void extrapolate(Blackhole bh) {
        scope.extrapolate(x0, x, 1.7f, 0.3f, out);
        bh.consume(out);
    }

    @Benchmark
    public void perturb(Blackhole bh) {
        scope.perturb(x0, f, 0.8f, 0.6f, out);
        bh.consume(out);
    }

    @Benchmark
    public void scale(Blackhole bh) {
        scope.scale(x, 0.7f, out);
        bh.consume(out);
    }

    @Benchmark
    public void inverseEulerStep(Blackhole bh) {
        scope.inverseEulerStep(x, f, 1.5f, 2.1f, 0.18f, -0.9f, out);
        bh.consume(out);
    }

    @Benchmark
    public void eulerStep(Blackhole bh) {
        scope.eulerStep(x, f, 2.1f, 1.5f, 0.18f, -0.9f, out);
        bh.consume(out);
    }

    @Benchmark
    public void guidance(Blackhole bh) {
        scope.guidance(x, f, frameScales, latentShape.frameSize(), out);
        bh.consume(out);
    }

    @Benchmark
    public void channelStats(Blackhole bh) {
        scope.channelStats(x, latentShape, 0, latentShape.frames(), mean, std);
        bh.consume(mean);
        bh.consume(std);
    }

    @Benchmark
    public void blend(Blackhole bh) {
        scope.blend(x, f, weight, out);
        bh.consume(out);
    }

    @Benchmark
    public void affine(Blackhole bh) {
        scope.affine(x, latentShape, scale, shift, out);
        bh.consume(out);
    }
}
