package org.videoshop.spark;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.videoshop.cli.BatchRunner;

/**
 * {@code videoshop batch} on Spark: the folder's clips become a job table run by {@link VideoshopJob} on the
 * requested master ({@code local[N]}), or on the session spark-submit or the caller already started. Prints a line
 * per clip and a summary; a session it started itself it also stops. Found by {@link java.util.ServiceLoader}.
 */
public final class SparkBatchRunner implements BatchRunner {

    /** Used by ServiceLoader. */
    public SparkBatchRunner() {
    }

    @Override
    public int run(Request request, PrintWriter out, PrintWriter err) {
        JobSettings settings = JobSettings.of(request.model(), request.options()).withFeather(request.feather());
        List<JobRow> rows = new ArrayList<>(request.clips().size());
        for (Clip c : request.clips()) {
            rows.add(new JobRow(c.source().toAbsolutePath().toString(), c.editedFirst().toAbsolutePath().toString(),
                    c.mask() == null ? null : c.mask().toAbsolutePath().toString(),
                    c.output().toAbsolutePath().toString(), null, null, null, null,
                    ExistingOutput.RESUME));
        }
        boolean ours = SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
        SparkSession.Builder builder = SparkSession.builder().appName("videoshop batch");
        if (System.getProperty("spark.master") == null) { // spark-submit's --master wins
            builder.master(request.master());
            if (ours && request.master().startsWith("local")) { // one process: listen on loopback only
                builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
            }
        }
        SparkSession spark = builder.getOrCreate();
        try {
            if (ours) {
                spark.sparkContext().setLogLevel("WARN");
            }
            JobReport report = VideoshopJob.run(spark, JobTable.of(spark, rows), settings,
                    "batch of " + rows.size() + " clips");
            for (ClipResult r : report.results()) {
                if (r.failed()) {
                    err.printf("failed   %s: %s%n", r.source(), r.reason());
                } else if (!request.quiet()) {
                    out.printf("%-8s %s -> %s (%d frames, %.1f s)%n", r.status(), r.source(), r.output(), r.frames(),
                            r.seconds());
                }
            }
            if (request.results() != null) {
                report.write(spark, request.results().toAbsolutePath().toString());
            }
            if (!request.quiet()) {
                out.println("videoshop batch: " + report.summary() + " on " + spark.sparkContext().master());
            }
            out.flush();
            err.flush();
            return report.failed() > 0 ? 1 : 0;
        } finally {
            if (ours) {
                spark.stop();
            }
        }
    }
}
