package org.videoshop.spark;

import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The result of one row: its source and output as the table named them, the status, the one-line reason of a
 * failure, the frames written, the seconds the row took on its executor, and the provenance as JSON (for a
 * skipped row: the provenance recorded when its output was made).
 *
 * @param source     the row's source
 * @param output     the row's output
 * @param status     {@link #OK}, {@link #SKIPPED} or {@link #FAILED}
 * @param reason     why the row failed, on one line; null otherwise
 * @param frames     frames in the output (0 when failed)
 * @param seconds    wall time spent on the row
 * @param provenance the output's provenance JSON, or null when failed
 */
public record ClipResult(String source, String output, String status, String reason, int frames, double seconds,
                         String provenance) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Edited and written. */
    public static final String OK = "ok";
    /** Already done: the output exists with matching provenance. */
    public static final String SKIPPED = "skipped";
    /** Not edited; see the reason. */
    public static final String FAILED = "failed";

    /** Schema of the results table. */
    public static final StructType SCHEMA = new StructType()
            .add("source", DataTypes.StringType, true)
            .add("output", DataTypes.StringType, true)
            .add("status", DataTypes.StringType, false)
            .add("reason", DataTypes.StringType, true)
            .add("frames", DataTypes.IntegerType, false)
            .add("seconds", DataTypes.DoubleType, false)
            .add("provenance", DataTypes.StringType, true);

    public ClipResult {
        if (!OK.equals(status) && !SKIPPED.equals(status) && !FAILED.equals(status)) {
            throw new IllegalArgumentException("Expected status ok, skipped or failed but found " + status);
        }
        if (FAILED.equals(status) == (reason == null)) {
            throw new IllegalArgumentException("Expected a reason exactly when failed but found status " + status
                    + " with reason " + reason);
        }
    }

    public Row toRow() {
        return RowFactory.create(source, output, status, reason, frames, seconds, provenance);
    }

    public static ClipResult of(Row row) {
        return new ClipResult(row.getString(0), row.getString(1), row.getString(2), row.getString(3), row.getInt(4),
                row.getDouble(5), row.getString(6));
    }

    public boolean failed() {
        return FAILED.equals(status);
    }
}
