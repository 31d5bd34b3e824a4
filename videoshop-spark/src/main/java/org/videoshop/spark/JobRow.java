package org.videoshop.spark;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.spark.sql.Row;
import org.videoshop.OutputMode;
import org.apache.spark.sql.types.StructType;

/**
 * One row of a job table: the source video, its edited first frame, an optional mask, the output (URIs or paths
 * on any Hadoop-compatible file system) and optional per-row overrides of the job's settings. Validated in the
 * canonical constructor; {@link #of(Row)} reads a table row, whatever its column types (CSV strings, JSON numbers,
 * Parquet longs).
 *
 * @param source      the source video: a video file, an animated GIF, or a folder of numbered PNG frames
 * @param editedFirst the edited first frame (PNG), at the source's size
 * @param mask        a mask image (white = may change), or null for none
 * @param output      where to write the edited clip; its extension picks the kind (a folder of PNGs when none)
 * @param strength    the row's strength, or null for the job's
 * @param seed        the row's seed, or null for the job's
 * @param steps       the row's step count, or null for the job's
 * @param outputMode  the row's output mode (detail or regenerate), or null for the job's
 * @param onExisting  what to do when the output exists (null: resume)
 */
public record JobRow(String source, String editedFirst, String mask, String output, Double strength, Long seed,
                     Integer steps, OutputMode outputMode, ExistingOutput onExisting) implements Serializable {

    private static final long serialVersionUID = 1L;

    public JobRow {
        source = required(JobTable.SOURCE, source);
        editedFirst = required(JobTable.EDITED_FIRST, editedFirst);
        output = required(JobTable.OUTPUT, output);
        mask = mask == null || mask.isBlank() ? null : checkUri(JobTable.MASK, mask.strip());
        if (strength != null && !(strength > 0 && strength <= 1)) {
            throw new IllegalArgumentException("Expected column strength in (0, 1] but found " + strength);
        }
        if (steps != null && steps < 1) {
            throw new IllegalArgumentException("Expected column steps >= 1 but found " + steps);
        }
        onExisting = onExisting == null ? ExistingOutput.RESUME : onExisting;
    }

    /** Reads a table row; a value of the wrong form fails naming its column. */
    public static JobRow of(Row row) {
        return new JobRow(text(row, JobTable.SOURCE), text(row, JobTable.EDITED_FIRST), text(row, JobTable.MASK),
                text(row, JobTable.OUTPUT), number(row, JobTable.STRENGTH, Double::parseDouble, Number::doubleValue),
                number(row, JobTable.SEED, Long::parseLong, Number::longValue),
                number(row, JobTable.STEPS, Integer::parseInt, Number::intValue),
                outputMode(text(row, JobTable.OUTPUT_MODE)), ExistingOutput.parse(text(row, JobTable.ON_EXISTING)));
    }

    /** The row's source and output as written, for a result row when the row itself cannot be read. */
    static String[] sourceAndOutput(Row row) {
        return new String[] {safeText(row, JobTable.SOURCE), safeText(row, JobTable.OUTPUT)};
    }

    private static OutputMode outputMode(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OutputMode.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Expected column output_mode to be detail or regenerate but found "
                    + value, e);
        }
    }

    private static String required(String column, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Expected column " + column + " to name a file but found "
                    + (value == null ? "null" : "an empty value"));
        }
        return checkUri(column, value.strip());
    }

    private static String checkUri(String column, String value) {
        if (JobTable.hasScheme(value)) {
            try {
                new URI(value);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("Expected column " + column + " to hold a URI or a path but found "
                        + value + " (" + e.getReason() + ")", e);
            }
        }
        return value;
    }

    private static String text(Row row, String column) {
        int i = index(row.schema(), column);
        if (i < 0 || row.isNullAt(i)) {
            return null;
        }
        return String.valueOf(row.get(i));
    }

    private static String safeText(Row row, String column) {
        try {
            return text(row, column);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static <T> T number(Row row, String column, java.util.function.Function<String, T> parse,
                                java.util.function.Function<Number, T> convert) {
        int i = index(row.schema(), column);
        if (i < 0 || row.isNullAt(i)) {
            return null;
        }
        Object v = row.get(i);
        if (v instanceof Number n) {
            return convert.apply(n);
        }
        String s = String.valueOf(v).strip();
        if (s.isEmpty()) {
            return null;
        }
        try {
            return parse.apply(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Expected column " + column + " to hold a number but found " + s, e);
        }
    }

    private static int index(StructType schema, String column) {
        if (schema == null) {
            throw new IllegalArgumentException("Expected a row with a schema but found one without");
        }
        for (int i = 0; i < schema.fields().length; i++) {
            if (schema.fields()[i].name().equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }
}
