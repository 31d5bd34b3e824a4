package org.videoshop.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.videoshop.CancellationToken;
import org.videoshop.EditCancelledException;
import org.videoshop.Inverted;
import org.videoshop.OutputMode;
import org.videoshop.ProgressListener;
import org.videoshop.Stage;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.tensor.Frame;
import org.videoshop.tensor.Video;
import org.videoshop.testing.Clips;

/**
 * Cancellation and interruption on the real ONNX model stop at the next step (the exception names it), run no
 * network after that (no progress is reported after the stop point), give back every workspace (each network's
 * pool holds as many idle workspaces as after complete edits: it does not grow), and leave the model usable: the
 * next edit gives exactly the frames of an edit made before any cancellation. 8 steps at strength 0.5 keep 4.
 */
class OnnxCancellationTest {

    /** The paper's raw-frame pipeline (regenerate), whose stop points the parameters name. */
    private static final VideoshopOptions OPTIONS = VideoshopOptions.builder().steps(8).strength(0.5).seed(9)
            .outputMode(OutputMode.REGENERATE).build();
    private static final int KEPT = 4;
    private static final Video CLIP = Clips.discClip(4, 32, 32);
    private static final Frame EDITED = Clips.recolouredFirst(CLIP);

    private static OnnxModel model;
    private static VideoEditor editor;
    private static float[] reference;
    private static int sessions;
    private static final java.util.Map<NetworkKind, Integer> IDLE = new java.util.EnumMap<>(NetworkKind.class);

    @BeforeAll
    static void open() {
        model = OnnxModel.open(TestBundles.bundle(TestBundles.RANDOM_TINY));
        editor = Videoshop.editor(model, OPTIONS);
        reference = editor.edit(CLIP, EDITED).video().data();
        editor.invert(CLIP, ProgressListener.NONE, null).edit(EDITED);
        sessions = OnnxNetwork.OPEN_SESSIONS.get();
        for (NetworkKind k : NetworkKind.values()) {
            IDLE.put(k, model.idleWorkspaces(k));
        }
    }

    @AfterAll
    static void close() {
        editor.close();
        model.close();
    }

    @AfterEach
    void nothingLeakedAndTheModelStillEdits() {
        assertFalse(Thread.currentThread().isInterrupted(), "the test must clear the interrupt flag");
        for (NetworkKind k : NetworkKind.values()) {
            assertEquals(IDLE.get(k), model.idleWorkspaces(k), "idle workspaces of " + k + " after a stopped edit");
        }
        assertEquals(sessions, OnnxNetwork.OPEN_SESSIONS.get());
        assertArrayEquals(reference, editor.edit(CLIP, EDITED).video().data(), "the model edits as before");
    }

    /** Records progress, and calls {@code action} once right after (stage, step) is reported. */
    private static final class Trigger implements ProgressListener {
        final List<String> events = new ArrayList<>();
        private final Stage stage;
        private final int step;
        private final Runnable action;
        private int afterTrigger = -1;

        Trigger(Stage stage, int step, Runnable action) {
            this.stage = stage;
            this.step = step;
            this.action = action;
        }

        @Override
        public void onProgress(Stage s, int k, int total) {
            events.add(s + " " + k);
            if (afterTrigger >= 0) {
                afterTrigger++;
            }
            if (s == stage && k == step && afterTrigger < 0) {
                afterTrigger = 0;
                action.run();
            }
        }
    }

    static Stream<Arguments> stopPoints() {
        return Stream.of(
                Arguments.of(Stage.ENCODE, 0, Stage.ENCODE, 1),
                Arguments.of(Stage.ENCODE, 1, Stage.ENCODE, 2),
                Arguments.of(Stage.ENCODE, 2, Stage.ENCODE, 3),
                Arguments.of(Stage.ENCODE, 3, Stage.INVERT, 0),
                Arguments.of(Stage.INVERT, 0, Stage.INVERT, 1),
                Arguments.of(Stage.INVERT, 1, Stage.INVERT, 2),
                Arguments.of(Stage.INVERT, KEPT - 1, Stage.INVERT, KEPT),
                Arguments.of(Stage.INVERT, KEPT, Stage.GENERATE, 0),
                Arguments.of(Stage.GENERATE, 0, Stage.GENERATE, 1),
                Arguments.of(Stage.GENERATE, 2, Stage.GENERATE, 3),
                Arguments.of(Stage.GENERATE, KEPT - 1, Stage.GENERATE, KEPT),
                Arguments.of(Stage.GENERATE, KEPT, Stage.RESCALE, 0),
                Arguments.of(Stage.RESCALE, 1, Stage.DECODE, 0));
    }

    private static void assertStoppedAt(EditCancelledException e, Trigger t, Stage stage, int step) {
        assertEquals(stage, e.stage(), e.getMessage());
        assertEquals(step, e.step(), e.getMessage());
        assertTrue(e.getMessage().contains(stage + " at step " + step), e.getMessage());
        assertEquals(0, t.afterTrigger, "progress after the stop point: " + t.events);
    }

    @ParameterizedTest(name = "cancel after {0} {1} -> stops at {2} {3}")
    @MethodSource("stopPoints")
    void cancellationStopsAtTheNextStep(Stage after, int afterStep, Stage stage, int step) {
        CancellationToken token = new CancellationToken();
        Trigger t = new Trigger(after, afterStep, token::cancel);
        EditCancelledException e = assertThrows(EditCancelledException.class,
                () -> editor.edit(CLIP, EDITED, t, token));
        assertStoppedAt(e, t, stage, step);
        assertTrue(e.getMessage().startsWith("Edit cancelled"), e.getMessage());
    }

    @ParameterizedTest(name = "interrupt after {0} {1} -> stops at {2} {3}")
    @MethodSource("stopPoints")
    void interruptionStopsAtTheNextStepAndKeepsTheFlag(Stage after, int afterStep, Stage stage, int step) {
        Trigger t = new Trigger(after, afterStep, () -> Thread.currentThread().interrupt());
        EditCancelledException e;
        try {
            e = assertThrows(EditCancelledException.class, () -> editor.edit(CLIP, EDITED, t, null));
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt flag stays set (and is cleared here)");
        }
        assertStoppedAt(e, t, stage, step);
        assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
    }

    @Test
    void cancellingAGenerationFromAStoredInversionStopsAtTheNextStep() {
        Inverted inv = editor.invert(CLIP, ProgressListener.NONE, null);
        CancellationToken token = new CancellationToken();
        Trigger t = new Trigger(Stage.GENERATE, 1, token::cancel);
        EditCancelledException e = assertThrows(EditCancelledException.class,
                () -> inv.edit(EDITED, null, t, token));
        assertStoppedAt(e, t, Stage.GENERATE, 2);
        assertArrayEquals(reference, inv.edit(EDITED).video().data(), "the inversion is still good");
    }

    @Test
    void cancellingAnInversionReturnsNothing() {
        CancellationToken token = new CancellationToken();
        Trigger t = new Trigger(Stage.INVERT, 2, token::cancel);
        EditCancelledException e = assertThrows(EditCancelledException.class,
                () -> editor.invert(CLIP, t, token));
        assertStoppedAt(e, t, Stage.INVERT, 3);
    }

    /**
     * Interrupted from another thread at an arbitrary moment (while a network runs, typically), the edit stops at
     * the step after the last one it reported done: within one step.
     */
    @Test
    void anInterruptFromAnotherThreadStopsWithinOneStep() throws Exception {
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            for (Stage stage : new Stage[] {Stage.INVERT, Stage.GENERATE}) {
                CountDownLatch reached = new CountDownLatch(1);
                AtomicReference<String> last = new AtomicReference<>();
                ProgressListener listener = (s, k, total) -> {
                    last.set(s + " " + k + " " + total);
                    if (s == stage && k == 1) {
                        reached.countDown();
                    }
                };
                AtomicReference<Thread> thread = new AtomicReference<>();
                Future<EditCancelledException> f = worker.submit(() -> {
                    thread.set(Thread.currentThread());
                    try {
                        editor.edit(CLIP, EDITED, listener, null);
                        return null;
                    } catch (EditCancelledException e) {
                        return e;
                    } finally {
                        Thread.interrupted();
                    }
                });
                reached.await();
                thread.get().interrupt();
                EditCancelledException e = f.get();
                assertTrue(e != null, "the edit finished before the interrupt reached it");
                String[] l = last.get().split(" ");
                int lastStep = Integer.parseInt(l[1]);
                boolean stageDone = lastStep == Integer.parseInt(l[2]);
                String expected = stageDone ? "next stage at step 0" : l[0] + " at step " + (lastStep + 1);
                assertTrue(stageDone ? e.step() == 0 && !e.stage().name().equals(l[0])
                        : e.stage().name().equals(l[0]) && e.step() == lastStep + 1,
                        "last reported " + last.get() + ", expected " + expected + ", got " + e.getMessage());
            }
        } finally {
            worker.shutdownNow();
        }
    }
}
