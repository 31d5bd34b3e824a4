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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The memory-bandwidth baseline of {@link KernelBenchmark}: {@code System.arraycopy} of one latent-sized float
 * array into another (one array read, one written) at the same shapes, in the same run; and the same copy as a
 * plain loop.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dvideoshop.bench.fork=true"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class CopyBenchmark {

    /** Latent shape TxCxhxw, as in {@link KernelBenchmark#shape}. */
    @Param({"14x4x72x128", "8x4x16x16"})
    public String shape;

    private float[] src;
    private float[] dst;

    @Setup(Level.Trial)
    public void setup() {
        int n = KernelBenchmark.parseShape(shape).size();
        src = org.videoshop.tensor.Noise.gaussian(n, 1);
        dst = new float[n];
    }

    @Benchmark
    public void copy(Blackhole bh) {
        System.arraycopy(src, 0, dst, 0, src.length);
        bh.consume(dst);
    }

    /** The same copy as a plain loop, which C2 vectorises as it does the kernels (a second reference). */
    @Benchmark
    public void copyLoop(Blackhole bh) {
        float[] s = src;
        float[] d = dst;
        for (int i = 0; i < s.length; i++) {
            d[i] = s[i];
        }
        bh.consume(d);
    }
}
