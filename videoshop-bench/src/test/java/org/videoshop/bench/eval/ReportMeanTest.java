package org.videoshop.bench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How a mean over cases treats identical images (+infinity) and empty regions (NaN). */
class ReportMeanTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void anInfiniteCaseCountsAsTheCapSoTheOthersStillShow() {
        assertEquals((20 + EvaluationReport.MEAN_CAP_DB) / 2, EvaluationReport.mean(new double[] {20, INF}), 1e-12);
    }

    @Test
    void allInfiniteStaysInfinite() {
        assertEquals(INF, EvaluationReport.mean(new double[] {INF, INF}));
    }

    @Test
    void nanIsSkippedAndAllNanIsNan() {
        assertEquals(25, EvaluationReport.mean(new double[] {20, Double.NaN, 30}), 1e-12);
        assertEquals(Double.NaN, EvaluationReport.mean(new double[] {Double.NaN}));
    }
}
