package org.videoshop.spark;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.videoshop.cli.EditSettings;
import org.videoshop.cli.MasksFeatherOption;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The spark-submit entry point: edits the clips of a job table and writes the results table. Exit status 0 when
 * every row was edited or skipped, 1 when some failed, 2 on a usage error.
 */
@Command(name = "videoshop-spark", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Edits every row of a job table (columns source, edited_first, output; optional mask, "
                + "strength, seed, steps, mode) on Apache Spark and writes one result row per clip."},
        footer = {"", "Example:", "  spark-submit --master 'local[4]' videoshop-spark/target/videoshop-spark.jar "
                + "--table jobs.csv --results results.json"})
public final class VideoshopSparkJob implements Callable<Integer> {

    @Option(names = "--table", paramLabel = "URI", required = true,
            description = "The job table: .csv (with a header line), .json (one object per line) or .parquet, on any "
                    + "file system Spark reads (file:, hdfs:, s3a:, ...).")
    String table;

    @Option(names = "--format", paramLabel = "KIND", description = "csv, json or parquet (default: by extension).")
    String format;

    @Option(names = "--results", paramLabel = "URI",
            description = "Where to write the results table (.csv, .json or .parquet; replaced if present).")
    String results;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Tasks the rows are split into (default: one row per task).")
    int partitions;

    @Option(names = "--ort-threads", paramLabel = "N", defaultValue = "1",
            description = "ONNX Runtime threads per edit (default ${DEFAULT-VALUE}: each executor core runs one edit;"
                    + " 0: all cores).")
    int ortThreads;

    @Mixin
    MasksFeatherOption feather;

    @Mixin
    EditSettings settings;

    /** Runs the job with spark-submit's session and exits with its status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new VideoshopSparkJob()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() {
        JobSettings job = new JobSettings(settings.model(), OptionsCodec.toMap(settings.options()),
                feather.pixels(), ortThreads, partitions);
        SparkSession spark = SparkSession.builder().appName("videoshop " + table).getOrCreate();
        try {
            JobReport report = VideoshopJob.run(spark, table, format, job);
            PrintWriter out = new PrintWriter(System.out, true);
            for (ClipResult r : report.results()) {
                if (r.failed()) {
                    out.printf("failed   %s: %s%n", r.source(), r.reason());
                }
            }
            if (results != null) {
                report.write(spark, results);
            }
            out.println("videoshop-spark: " + report.summary() + "; models opened: " + report.modelsOpened());
            return report.failed() > 0 ? 1 : 0;
        } finally {
            spark.stop();
        }
    }
}
