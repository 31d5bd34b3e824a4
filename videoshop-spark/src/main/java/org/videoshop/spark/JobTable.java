package org.videoshop.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The job table: its columns, reading it from CSV, JSON or Parquet through Spark's file system layer, and checking
 * its columns on the driver before any work starts.
 */
public final class JobTable {

    /** Column: the source video (required). */
    public static final String SOURCE = "source";
    /** Column: the edited first frame (required). */
    public static final String EDITED_FIRST = "edited_first";
    /** Column: the mask (optional). */
    public static final String MASK = "mask";
    /** Column: the output (required). */
    public static final String OUTPUT = "output";
    /** Column: strength override (optional). */
    public static final String STRENGTH = "strength";
    /** Column: seed override (optional). */
    public static final String SEED = "seed";
    /** Column: steps override (optional). */
    public static final String STEPS = "steps";
    /** Column: output mode, detail or regenerate ({@link org.videoshop.OutputMode}; optional). */
    public static final String OUTPUT_MODE = "output_mode";
    /** Column: what to do with an existing output, resume or overwrite (optional). */
    public static final String ON_EXISTING = "on_existing";

    /** Required columns. */
    public static final List<String> REQUIRED = List.of(SOURCE, EDITED_FIRST, OUTPUT);
    /** Every column a job table may have. */
    public static final List<String> COLUMNS = List.of(SOURCE, EDITED_FIRST, MASK, OUTPUT, STRENGTH, SEED, STEPS,
            OUTPUT_MODE, ON_EXISTING);

    /** A schema of every column as text: how a job table is built in code (see {@link #of}). */
    public static final StructType SCHEMA = new StructType(COLUMNS.stream()
            .map(c -> DataTypes.createStructField(c, DataTypes.StringType, !REQUIRED.contains(c)))
            .toArray(StructField[]::new));

    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

    private JobTable() {
    }

    /**
     * Reads a job table. {@code format} is csv (with a header line), json (one object per line) or parquet; null
     * picks it by {@code uri}'s extension.
     */
    public static Dataset<Row> read(SparkSession spark, String uri, String format) {
        String f = format != null ? format.toLowerCase(Locale.ROOT) : formatOf(uri);
        Dataset<Row> table = switch (f) {
            case "csv" -> spark.read().option("header", "true").option("inferSchema", "false").csv(uri);
            case "json" -> spark.read().json(uri);
            case "parquet" -> spark.read().parquet(uri);
            default -> throw new IllegalArgumentException("Expected a job table format csv, json or parquet but "
                    + "found " + f);
        };
        check(table.schema());
        return table;
    }

    /** A job table of these rows (for programs that build the table themselves). */
    public static Dataset<Row> of(SparkSession spark, List<JobRow> rows) {
        List<Row> out = new ArrayList<>(rows.size());
        for (JobRow r : rows) {
            out.add(RowFactory.create(r.source(), r.editedFirst(), r.mask(), r.output(),
                    r.strength() == null ? null : r.strength().toString(),
                    r.seed() == null ? null : r.seed().toString(), r.steps() == null ? null : r.steps().toString(),
                    r.outputMode() == null ? null : r.outputMode().name().toLowerCase(Locale.ROOT),
                    r.onExisting().key()));
        }
        return spark.createDataFrame(out, SCHEMA);
    }

    /** The table format an extension names: csv, json (also jsonl, ndjson) or parquet. */
    public static String formatOf(String uri) {
        String name = uri.replaceAll("/+$", "");
        name = name.substring(name.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return "csv";
        }
        if (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return "json";
        }
        if (name.endsWith(".parquet")) {
            return "parquet";
        }
        throw new IllegalArgumentException("Expected a job table ending in .csv, .json or .parquet (or a format) but "
                + "found " + uri);
    }

    /** Fails naming the missing columns (and those found) unless every required column is there. */
    public static void check(StructType schema) {
        List<String> found = Arrays.stream(schema.fieldNames()).map(s -> s.toLowerCase(Locale.ROOT)).toList();
        List<String> missing = REQUIRED.stream().filter(c -> !found.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Expected job table columns " + REQUIRED + " (optional: "
                    + COLUMNS.stream().filter(c -> !REQUIRED.contains(c)).toList() + ") but found " + found
                    + ", missing " + missing);
        }
    }

    /** Whether {@code s} starts with a URI scheme ({@code hdfs:}, {@code file:}, {@code s3a:}). */
    static boolean hasScheme(String s) {
        return SCHEME.matcher(s).matches();
    }
}
