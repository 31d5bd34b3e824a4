package org.videoshop.spark;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.videoshop.VideoshopOptions;
import org.videoshop.tensor.Mask;

/**
 * What every row of a job shares: the model, the default edit settings (rows may override strength, seed,
 * steps and output mode), the mask feather, ONNX Runtime's threads per edit, and how many partitions the rows are spread over.
 * Serializable, sent to every executor with the tasks.
 *
 * @param model      a built-in model name ({@code tiny}), a bundle folder on every executor, or a URI of a bundle
 *                   folder on a Hadoop-compatible file system every executor can read (copied once per executor)
 * @param defaults   the default options, as {@code VideoshopOptions}' components by name
 * @param feather    soft edge of the masks in pixels
 * @param ortThreads ONNX Runtime intra-op threads per edit (1: the executor's cores run one edit each); the
 *                   {@code videoshop.onnx.intraOpThreads} system property wins when set
 * @param partitions how many tasks the rows are split into; 0 for one row per task
 */
public record JobSettings(String model, Map<String, Object> defaults, int feather, int ortThreads,
                          int partitions) implements Serializable {

    private static final long serialVersionUID = 1L;

    public JobSettings {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("Expected a model name, folder or URI but found "
                    + (model == null ? "null" : "an empty value"));
        }
        if (feather < 0) {
            throw new IllegalArgumentException("Expected a feather >= 0 pixels but found " + feather);
        }
        if (ortThreads < 0) {
            throw new IllegalArgumentException("Expected ONNX Runtime threads >= 0 (0: all cores) but found "
                    + ortThreads);
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("Expected partitions >= 0 (0: one row per task) but found "
                    + partitions);
        }
        defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
        OptionsCodec.fromMap(defaults); // validated here, on the driver
    }

    /** The model, default options, the default feather, one ONNX Runtime thread per edit, one row per task. */
    public static JobSettings of(String model, VideoshopOptions defaults) {
        return new JobSettings(model, OptionsCodec.toMap(defaults), Mask.DEFAULT_FEATHER, 1, 0);
    }

    /** The same settings with another feather. */
    public JobSettings withFeather(int pixels) {
        return new JobSettings(model, defaults, pixels, ortThreads, partitions);
    }

    /** The same settings with another ONNX Runtime thread count per edit. */
    public JobSettings withOrtThreads(int threads) {
        return new JobSettings(model, defaults, feather, threads, partitions);
    }

    /** The same settings over that many partitions. */
    public JobSettings withPartitions(int count) {
        return new JobSettings(model, defaults, feather, ortThreads, count);
    }

    /** The job's default options. */
    public VideoshopOptions defaultOptions() {
        return OptionsCodec.fromMap(defaults);
    }

    /** The options of one row: the defaults with the row's overrides. */
    public VideoshopOptions options(JobRow row) {
        VideoshopOptions.Builder b = defaultOptions().toBuilder();
        if (row.strength() != null) {
            b.strength(row.strength());
        }
        if (row.steps() != null) {
            b.steps(row.steps());
        }
        if (row.seed() != null) {
            b.seed(row.seed());
        }
        if (row.outputMode() != null) {
            b.outputMode(row.outputMode());
        }
        return b.build();
    }
}
