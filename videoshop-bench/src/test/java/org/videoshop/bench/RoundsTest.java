package org.videoshop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoundsTest {

    private static KernelReport.Row row(String backend, String kernel, double micros, double ofCopy) {
        return new KernelReport.Row(backend, "2x4x8x8", kernel, micros, Double.NaN, 1.0, ofCopy);
    }

    private static KernelReport.EditRow edit(String backend, double ms) {
        return new KernelReport.EditRow("tiny", backend, 8, ms, 1);
    }

    @Test
    void summariesTakeTheMedianOverRoundsOfEachRoundsRatio() {
        List<List<KernelReport.Row>> rounds = List.of(
                List.of(row("java", "scale", 10, 1.0), row("nd4j", "scale", 20, 0.5)),
                List.of(row("java", "scale", 40, 0.9), row("nd4j", "scale", 60, 0.6)),
                List.of(row("java", "scale", 10, 1.1), row("nd4j", "scale", 12, 0.9)));
        String table = Rounds.kernelSummary(rounds);
        // nd4j / java per round: 2.0, 1.5, 1.2 -> median 1.5; fractions 0.5, 0.6, 0.9 -> median 0.6
        assertTrue(table.contains("| 2x4x8x8 | nd4j | scale | 20.00 | 0.500, 0.600, 0.900 | 0.60 | 1.50 |"), table);
        assertTrue(table.contains("| 2x4x8x8 | java | scale | 10.00 | 1.00, 0.900, 1.10 | 1.00 |  |"), table);

        List<List<KernelReport.EditRow>> edits = List.of(List.of(edit("java", 100), edit("nd4j", 105)),
                List.of(edit("java", 200), edit("nd4j", 190)));
        String editTable = Rounds.editSummary(edits);
        assertTrue(editTable.contains("| tiny | 8 | nd4j | 105, 190 | 147.5 | 1.05, 0.950 | 1.000 |"), editTable);
    }

    @Test
    void mediansAndRatios() {
        assertEquals(2.0, Rounds.median(new double[] {3, 1, 2}));
        assertEquals(2.5, Rounds.median(new double[] {4, 1, 2, 3}));
        assertEquals(null, Rounds.ratios(new double[] {1, 2}, new double[] {1}));
    }
}
