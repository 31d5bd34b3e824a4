package org.videoshop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.videoshop.CancellationToken;
import org.videoshop.EditCancelledException;
import org.videoshop.ProgressListener;
import org.videoshop.Stage;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Images;
import org.videoshop.tensor.Video;
import org.videoshop.testing.Clips;
import org.videoshop.testing.ProcessStatus;

/**
 * Native-memory soak: many consecutive edits with the random-tiny bundle on ONNX Runtime (4 frames of 32x32, 4 steps
 * at strength 0.5: 2 inversion and 2 generation UNet calls each), cycling through the ways an edit can go (raw
 * frames, images, invert then edit, cancelled mid-inversion, refused bad input) and opening a fresh model every 50
 * edits. Resident memory (VmRSS) is sampled every {@code videoshop.soak.every} edits; after the first sample
 * (warm-up) every sample must stay within 10 % of it. Every session is closed at the end. The surefire execution
 * {@code soak} runs it in its own JVM with a fixed, pre-touched heap ({@code -Xms256m -Xmx256m
 * -XX:+AlwaysPreTouch}) so that RSS measures native memory, not heap growth: 60 edits in every build,
 * 1,000 with {@code -Psoak}. The samples are written to {@code target/soak-rss.txt}.
 */
class NativeMemorySoakTest {

    private static final VideoshopOptions OPTIONS = VideoshopOptions.builder().steps(4).strength(0.5).build();
    private static final int REOPEN_EVERY = 50;

    private static long directBytes() {
        for (BufferPoolMXBean b : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (b.getName().equals("direct")) {
                return b.getMemoryUsed();
            }
        }
        return -1;
    }

    /** Edit number {@code i}, one of five kinds; returns a value derived from the output so nothing is elided. */
    private static double oneEdit(VideoEditor editor, int i) {
        Video clip = Clips.discClip(4, 32, 32);
        Frame edited = Clips.recolouredFirst(clip);
        switch (i % 5) {
            case 0:
                return editor.edit(clip, edited).video().data()[i % 100];
            case 1: {
                List<BufferedImage> frames = new ArrayList<>();
                for (int t = 0; t < clip.frames(); t++) {
                    frames.add(Images.toImage(clip.frame(t)));
                }
                return editor.edit(frames, Images.toImage(edited)).get(1).getRGB(3, 3);
            }
            case 2:
                return editor.invert(clip, ProgressListener.NONE, null).edit(edited).video().data()[7];
            case 3: {
                CancellationToken token = new CancellationToken();
                ProgressListener cancelAfterOne = (stage, step, total) -> {
                    if (stage == Stage.INVERT && step == 1) {
                        token.cancel();
                    }
                };
                EditCancelledException e = assertThrows(EditCancelledException.class,
                        () -> editor.edit(clip, edited, cancelAfterOne, token));
                return e.step();
            }
            default: {
                Video odd = Clips.discClip(2, 33, 32);
                assertThrows(IllegalArgumentException.class, () -> editor.edit(odd, odd.frame(0)));
                return 0;
            }
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "videoshop.soak.edits", matches = "[0-9]+",
            disabledReason = "runs in the surefire execution 'soak' (its own JVM with a pre-touched heap)")
    void residentMemoryStaysFlatOverManyEdits() throws IOException {
        int edits = Integer.getInteger("videoshop.soak.edits");
        int every = Integer.getInteger("videoshop.soak.every", Math.max(1, edits / 10));
        int sessionsBefore = OnnxNetwork.OPEN_SESSIONS.get();
        List<String> log = new ArrayList<>();
        long baseline = -1;
        long worst = 0;
        double sink = 0;
        OnnxModel model = null;
        VideoEditor editor = null;
        try {
            for (int i = 0; i < edits; i++) {
                if (i % REOPEN_EVERY == 0) {
                    if (model != null) {
                        editor.close();
                        model.close();
                    }
                    model = OnnxModel.open(TestBundles.bundle(TestBundles.RANDOM_TINY));
                    editor = Videoshop.editor(model, OPTIONS.toBuilder().seed(i).build());
                }
                sink += oneEdit(editor, i);
                if ((i + 1) % every == 0) {
                    long rss = ProcessStatus.residentKb();
                    log.add(String.format("edits=%d rssKb=%d directBytes=%d unetIdleWorkspaces=%d", i + 1, rss,
                            directBytes(), model.idleWorkspaces(NetworkKind.UNET)));
                    if (baseline < 0) {
                        baseline = rss;
                    }
                    worst = Math.max(worst, rss);
                }
            }
        } finally {
            if (model != null) {
                editor.close();
                model.close();
            }
        }
        String summary = String.format("soak: %d edits, baseline %d kB after %d (warm-up), max %d kB (%+.1f %%), "
                + "sink %.1f", edits, baseline, every, worst, 100.0 * (worst - baseline) / baseline, sink);
        log.add(summary);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "soak-rss.txt"), log);
        log.forEach(System.out::println);
        assertEquals(sessionsBefore, OnnxNetwork.OPEN_SESSIONS.get(), "every session closed");
        assertTrue(worst <= baseline * 1.10, "resident memory grew more than 10 % after warm-up: " + log);
    }
}
