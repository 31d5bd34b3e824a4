package org.videoshop.spark;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * What a job did: one result per row of the table (in the table's order) and the accumulators' totals.
 *
 * @param results      one result per row
 * @param edited       clips edited
 * @param skipped      clips skipped (already done)
 * @param failed       clips failed
 * @param frames       frames edited
 * @param modelsOpened models opened across executors (at most one per executor JVM that edited)
 * @param seconds      wall time of the job on the driver
 */
public record JobReport(List<ClipResult> results, long edited, long skipped, long failed, long frames,
                        long modelsOpened, double seconds) {

    public JobReport {
        results = List.copyOf(results);
    }

    /** The results as a table ({@link ClipResult#SCHEMA}). */
    public Dataset<Row> toDataFrame(SparkSession spark) {
        return spark.createDataFrame(results.stream().map(ClipResult::toRow).toList(), ClipResult.SCHEMA);
    }

    /** Writes the results table at {@code uri} (replacing it) as csv, json or parquet, by its extension. */
    public void write(SparkSession spark, String uri) {
        Dataset<Row> table = toDataFrame(spark).coalesce(1);
        switch (JobTable.formatOf(uri)) {
            case "csv" -> table.write().mode(SaveMode.Overwrite).option("header", "true").csv(uri);
            case "json" -> table.write().mode(SaveMode.Overwrite).json(uri);
            default -> table.write().mode(SaveMode.Overwrite).parquet(uri);
        }
    }

    /** "6 clips: 4 edited, 0 skipped, 2 failed; 32 frames in 12.3 s". */
    public String summary() {
        return String.format("%d clips: %d edited, %d skipped, %d failed; %d frames in %.1f s", results.size(),
                edited, skipped, failed, frames, seconds);
    }
}
