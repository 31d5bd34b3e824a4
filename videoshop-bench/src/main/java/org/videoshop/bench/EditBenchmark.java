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
import org.videoshop.EditResult;
import org.videoshop.OutputMode;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.model.VideoshopModel;

/**
 * Whole edits on a model (default: the bundled tiny model) with default options, for 8 to 56 frames: the time
 * per edit and how it grows with the clip. ONNX Runtime runs one intra-op thread (as OMP_NUM_THREADS=1 does
 * for native backends), so the numbers compare with single-threaded PyTorch. The per-stage breakdown and peak memory come from {@link TimeEdit}
 * and {@link Scaling}, which read each edit's {@link org.videoshop.Provenance}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx4g", "-Dvideoshop.bench.fork=true",
        "-Dvideoshop.onnx.intraOpThreads=1"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class EditBenchmark {

    /** A built-in model name or a bundle folder. */
    @Param({"tiny"})
    public String model;

    /** Frames per clip (at the model's resolution); above the model's native count the editor uses windows. */
    @Param({"8", "14", "28", "56", "112"})
    public int frames;

    /** Latent backend; {@link BenchMain} passes the default backend. */
    @Param({"java"})
    public String backend;

    private VideoshopModel opened;
    private VideoEditor editor;
    private SyntheticClip clip;

    @Setup(Level.Trial)
    public void setup() {
        opened = VideoshopModel.open(model);
        editor = Videoshop.editor(opened, VideoshopOptions.builder().backend(backend)
                .outputMode(OutputMode.REGENERATE).build()); // the paper's edit (raw frames), as measured
        clip = SyntheticClip.generate(frames, opened.spec().width(), opened.spec().height(), 7);
    }

    @Benchmark
    public void edit(Blackhole bh) {
        EditResult r = editor.edit(clip.source(), clip.editedFirst());
        bh.consume(r.video().data());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (editor != null) {
            editor.close();
        }
        if (opened != null) {
            opened.close();
        }
    }
}
