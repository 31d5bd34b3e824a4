package org.videoshop.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.videoshop.EditResult;
import org.videoshop.Inverted;
import org.videoshop.ProgressListener;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Video;
import org.videoshop.testing.Clips;

/**
 * One {@link OnnxModel} shared by 8 threads editing different clips (through two editors with different seeds, and
 * one shared {@link Inverted}) gives bit for bit the frames the same edits give one after another.
 */
class OnnxConcurrencyTest {

    private static final int THREADS = 8;
    private static final int EDITS = 16;

    /** Clip {@code i}: a square of its own size and speed, some frames shifted, 3 to 5 frames. */
    private static Video clip(int i) {
        Video base = Clips.discClip(3 + i % 3, 32, 32);
        float[] d = base.data();
        for (int j = 0; j < d.length; j++) {
            d[j] = Math.min(1f, d[j] * (0.6f + 0.025f * i));
        }
        return new Video(base.frames(), 32, 32, d);
    }

    private static <T> List<T> runConcurrently(List<Callable<T>> jobs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> job : jobs) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return job.call();
                }));
            }
            start.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eightThreadsOnOneModelGiveExactlyTheSerialFrames() throws Exception {
        VideoshopOptions a = VideoshopOptions.builder().steps(6).strength(0.5).seed(21).build();
        VideoshopOptions b = a.toBuilder().seed(-5).guidance(1.5, 2.5).build();
        try (OnnxModel model = OnnxModel.open(TestBundles.bundle(TestBundles.RANDOM_TINY));
             VideoEditor ea = Videoshop.editor(model, a);
             VideoEditor eb = Videoshop.editor(model, b)) {
            List<Callable<float[]>> jobs = new ArrayList<>();
            for (int i = 0; i < EDITS; i++) {
                Video v = clip(i);
                Frame edited = Clips.recolouredFirst(v);
                VideoEditor e = i % 2 == 0 ? ea : eb;
                jobs.add(() -> e.edit(v, edited).video().data());
            }
            List<float[]> serial = new ArrayList<>();
            for (Callable<float[]> job : jobs) {
                serial.add(job.call());
            }
            List<float[]> parallel = runConcurrently(jobs);
            for (int i = 0; i < EDITS; i++) {
                assertArrayEquals(serial.get(i), parallel.get(i), "edit " + i + " differs when run on 8 threads");
            }
            assertTrue(model.idleWorkspaces(NetworkKind.UNET)
                    <= WorkspacePool.MAX_IDLE * WorkspacePool.MAX_SHAPES, "the pools stay bounded");
        }
    }

    @Test
    void oneInversionEditedFromEightThreadsAtOnce() throws Exception {
        VideoshopOptions o = VideoshopOptions.builder().steps(6).strength(0.5).seed(4).build();
        try (OnnxModel model = OnnxModel.open(TestBundles.bundle(TestBundles.RANDOM_TINY));
             VideoEditor editor = Videoshop.editor(model, o)) {
            Video source = clip(3);
            Inverted inverted = editor.invert(source, ProgressListener.NONE, null);
            List<Callable<EditResult>> jobs = new ArrayList<>();
            for (int i = 0; i < EDITS; i++) {
                Frame edited = Clips.recolouredFirst(clip(i));
                jobs.add(() -> inverted.edit(edited));
            }
            List<EditResult> serial = new ArrayList<>();
            for (Callable<EditResult> job : jobs) {
                serial.add(job.call());
            }
            List<EditResult> parallel = runConcurrently(jobs);
            for (int i = 0; i < EDITS; i++) {
                assertArrayEquals(serial.get(i).video().data(), parallel.get(i).video().data(), "edit " + i);
                assertEquals(source.frames(), parallel.get(i).video().frames());
            }
        }
    }
}
