package org.videoshop.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.pipeline.EditPipeline;
import org.videoshop.pipeline.StepContext;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Video;
import org.videoshop.testing.AnalyticModel;
import org.videoshop.testing.Clips;
import org.videoshop.testing.ProcessStatus;

/**
 * ND4J native-memory soak: many consecutive whole edits whose latent math runs on ND4J (an analytic model, 5 frames
 * of 16x12, 6 steps at strength 0.5). Four edits in five go through an editor on the shared {@code nd4j} backend,
 * the fifth through a pipeline on an {@link Nd4jKernels} of its own, closed every 50 edits (closing twice, then
 * using it, must throw). Resident memory (VmRSS), sampled every {@code videoshop.soak.every} edits, must stay within
 * 10 % of the first sample. Runs in the surefire execution {@code soak} (own JVM, pre-touched heap): 60 edits in
 * every build, 1,000 with {@code -Psoak}; samples in {@code target/nd4j-soak-rss.txt}, with the JVM's committed
 * non-heap memory and the native bytes JavaCPP (ND4J's allocator) holds.
 *
 * <p>The execution sets {@code MALLOC_ARENA_MAX=1} and 64 KiB glibc trim/mmap thresholds. Without them RSS kept
 * creeping in jumps of about 16 MB (+12 % after 2,000 edits, +10 % after 5,000, slowing) while JavaCPP's bytes stayed
 * under 1 MB and the JVM's non-heap memory flat, which points at glibc keeping freed native memory (libnd4j
 * allocates small op buffers per call) rather than a leak. With them RSS levels off (+4 % by 1,000 edits, flat to
 * 1,600).
 */
class Nd4jSoakTest {

    /** Native bytes JavaCPP (ND4J's allocator) holds, or -1 when it is not on the classpath. */
    private static long javacppBytes() {
        try {
            return (Long) Class.forName("org.bytedeco.javacpp.Pointer").getMethod("totalBytes").invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "videoshop.soak.edits", matches = "[0-9]+",
            disabledReason = "runs in the surefire execution 'soak' (its own JVM with a pre-touched heap)")
    void residentMemoryStaysFlatOverManyNd4jEdits() throws IOException {
        Nd4jTests.requireNd4j();
        int edits = Integer.getInteger("videoshop.soak.edits");
        int every = Integer.getInteger("videoshop.soak.every", Math.max(1, edits / 10));
        Video video = Clips.video(Clips.movingDisc(5, 16, 12, Color.ORANGE));
        Frame edited = Clips.video(Clips.movingDisc(1, 16, 12, Color.GREEN)).frame(0);
        VideoshopOptions options = VideoshopOptions.builder().steps(6).strength(0.5).backend(Nd4jKernels.NAME).build();
        List<String> log = new ArrayList<>();
        long baseline = -1;
        long worst = 0;
        double sink = 0;
        try (AnalyticModel model = new AnalyticModel(5, 16, 12, 4, 9);
             VideoEditor editor = Videoshop.editor(model, options)) {
            Nd4jKernels own = null;
            for (int i = 0; i < edits; i++) {
                if (i % 5 == 4) {
                    if (own == null) {
                        own = new Nd4jKernels();
                    }
                    sink += new EditPipeline(model, own, options).run(video, edited, null, StepContext.silent())
                            .video().data()[i % 50];
                    if (i % 50 == 49) {
                        Nd4jKernels closed = own;
                        closed.close();
                        closed.close();
                        IllegalStateException e = assertThrows(IllegalStateException.class,
                                () -> closed.scale(new float[4], 1f, new float[4]));
                        assertTrue(e.getMessage().contains("Nd4jKernels"), e.getMessage());
                        assertEquals(0, closed.idleBytes());
                        own = null;
                    }
                } else {
                    sink += editor.edit(video, edited).video().data()[i % 50];
                }
                if ((i + 1) % every == 0) {
                    long rss = ProcessStatus.residentKb();
                    log.add(String.format("edits=%d rssKb=%d jvmNonHeapCommittedKb=%d javacppKb=%d", i + 1, rss,
                            ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getCommitted() / 1024,
                            javacppBytes() / 1024));
                    baseline = baseline < 0 ? rss : baseline;
                    worst = Math.max(worst, rss);
                }
            }
            if (own != null) {
                own.close();
            }
        }
        log.add(String.format("nd4j soak: %d edits, baseline %d kB after %d (warm-up), max %d kB (%+.1f %%), sink %.1f",
                edits, baseline, every, worst, 100.0 * (worst - baseline) / baseline, sink));
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "nd4j-soak-rss.txt"), log);
        log.forEach(System.out::println);
        assertTrue(worst <= baseline * 1.10, "resident memory grew more than 10 % after warm-up: " + log);
    }
}
