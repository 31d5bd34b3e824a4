package org.videoshop.spark;

import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * The job's named accumulators, shown in the Spark UI's stage page: clips edited, clips skipped (already done),
 * clips failed, frames edited, models opened (one per executor JVM that edited). Read them on the driver after the
 * job; a retried task counts again, so they are progress, the result rows are the record.
 */
public record JobCounters(LongAccumulator edited, LongAccumulator skipped, LongAccumulator failed,
                          LongAccumulator frames, LongAccumulator modelsOpened) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** New accumulators registered with {@code sc}. */
    public static JobCounters register(SparkContext sc) {
        return new JobCounters(sc.longAccumulator("videoshop clips edited"),
                sc.longAccumulator("videoshop clips skipped"), sc.longAccumulator("videoshop clips failed"),
                sc.longAccumulator("videoshop frames edited"), sc.longAccumulator("videoshop models opened"));
    }
}
