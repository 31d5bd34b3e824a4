package org.videoshop.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Edits a table of clips on Spark: each row ({@link JobTable}'s columns) becomes an edited video written
 * atomically beside a provenance sidecar, and a {@link ClipResult}. The rows are spread over tasks (one row per task
 * unless {@link JobSettings#partitions()} says otherwise); each executor opens the model once and shares it between
 * its tasks ({@link ExecutorModels}). One bad row fails that row only. The job shows in the Spark UI under a
 * description naming the table, with the accumulators of {@link JobCounters}.
 */
public final class VideoshopJob {

    private VideoshopJob() {
    }

    /** Runs the job over {@code table} and returns the results in the table's row order. */
    public static JobReport run(SparkSession spark, Dataset<Row> table, JobSettings settings, String description) {
        JobTable.check(table.schema());
        long start = System.nanoTime();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JobCounters counters = JobCounters.register(spark.sparkContext());
        HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
        JavaRDD<Row> rows = table.toJavaRDD();
        String previous = sc.getLocalProperty("spark.job.description");
        sc.setJobDescription("videoshop: " + description);
        try {
            long count = rows.count();
            if (count == 0) {
                return new JobReport(List.of(), 0, 0, 0, 0, 0, seconds(start));
            }
            int partitions = settings.partitions() > 0 ? settings.partitions() : (int) Math.min(count, Integer.MAX_VALUE);
            ClipTask task = new ClipTask(settings, conf, counters);
            // Index the rows, spread them evenly (row i to partition i mod n), edit, and restore the table's order.
            // (Sorted here, not with sortByKey, whose sampling pass would run the edits twice.)
            List<Tuple2<Long, Row>> done = new ArrayList<>(rows.zipWithIndex()
                    .mapToPair(t -> new Tuple2<>(t._2(), t._1()))
                    .partitionBy(new RowPartitioner(partitions))
                    .mapValues(task::call)
                    .collect());
            done.sort(Comparator.comparing(Tuple2::_1));
            List<ClipResult> results = new ArrayList<>(done.size());
            for (Tuple2<Long, Row> t : done) {
                results.add(ClipResult.of(t._2()));
            }
            return new JobReport(results, counters.edited().value(), counters.skipped().value(),
                    counters.failed().value(), counters.frames().value(), counters.modelsOpened().value(),
                    seconds(start));
        } finally {
            sc.setJobDescription(previous);
        }
    }

    /** Reads the table at {@code tableUri} (csv, json or parquet by extension, or {@code format}) and runs it. */
    public static JobReport run(SparkSession spark, String tableUri, String format, JobSettings settings) {
        return run(spark, JobTable.read(spark, tableUri, format), settings, "edit clips of " + tableUri);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Row {@code i} goes to partition {@code i mod n}: an even spread, whatever the table's own partitions. */
    static final class RowPartitioner extends org.apache.spark.Partitioner {
        private static final long serialVersionUID = 1L;
        private final int partitions;

        RowPartitioner(int partitions) {
            this.partitions = partitions;
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object key) {
            return (int) (((Long) key) % partitions);
        }
    }
}
