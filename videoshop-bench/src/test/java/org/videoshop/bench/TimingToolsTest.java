package org.videoshop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.videoshop.Stage;
import org.videoshop.VideoEditor;
import org.videoshop.Videoshop;
import org.videoshop.VideoshopOptions;
import org.videoshop.testing.AnalyticModel;

/** TimeEdit and Scaling on the analytic model: what they report is complete and consistent (no time asserted). */
class TimingToolsTest {

    @Test
    void timeEditReportsEveryStageAndAShareBetweenZeroAndOne() {
        try (AnalyticModel model = new AnalyticModel(4, 16, 16, 4, 3);
             VideoEditor editor = Videoshop.editor(model, VideoshopOptions.builder().steps(10).build())) {
            SyntheticClip clip = SyntheticClip.generate(4, 16, 16, 1);
            TimeEdit.Timing t = TimeEdit.time(editor, clip.source(), clip.editedFirst(), 1, 2);
            assertEquals(2, t.runs());
            for (Stage s : Stage.values()) {
                assertTrue(t.stageMs().get(s) >= t.modelMs().get(s), s + ": model time within the stage's");
            }
            assertTrue(t.nonModelShare() >= 0 && t.nonModelShare() <= 1, "share " + t.nonModelShare());
            assertEquals(6, t.last().sigmas().size(), "floor(10 * 0.55) steps and the final 0");
            String table = TimeEdit.table(t);
            assertTrue(table.contains("| invert |") && table.contains("| **edit** |"), table);
        }
    }

    @Test
    void scalingEditsLongClipsInWindows() {
        try (AnalyticModel model = new AnalyticModel(4, 16, 16, 4, 3);
             VideoEditor editor = Videoshop.editor(model, VideoshopOptions.builder().steps(4).build())) {
            List<Scaling.Point> points = Scaling.measure(editor, new int[] {4, 10}, 0, 1);
            assertEquals(1, points.get(0).windows());
            assertEquals(4, points.get(1).windows(), "windows of 4 overlapping by 2 starting at 0, 2, 4, 6");
            assertTrue(points.get(1).peakHeapMb() > 0);
            assertTrue(Scaling.table(points).contains("| 10 | 4 |"));
        }
    }
}
