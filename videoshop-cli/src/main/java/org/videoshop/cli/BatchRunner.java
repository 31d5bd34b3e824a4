package org.videoshop.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.videoshop.VideoshopOptions;

/**
 * Runs the clips of {@code videoshop batch}. This jar has none: {@code org.videoshop:videoshop-spark} implements it on
 * Apache Spark and registers it for {@link java.util.ServiceLoader}, so {@code batch} works wherever that module and
 * Spark are on the classpath (see docs/spark.md).
 */
public interface BatchRunner {

    /** One clip of a batch: where to read it and its edited first frame (and mask), where to write the result. */
    record Clip(Path source, Path editedFirst, Path mask, Path output) {
        public Clip {
            if (source == null || editedFirst == null || output == null) {
                throw new IllegalArgumentException("Expected a source, an edited first frame and an output but found "
                        + source + ", " + editedFirst + ", " + output);
            }
        }
    }

    /**
     * A batch: its clips (in order), the model (a built-in name or a bundle folder), the edit settings, the mask
     * feather in pixels, the Spark master ({@code local[N]}), where to write the results table (null for none), and
     * whether to print only failures.
     */
    record Request(List<Clip> clips, String model, VideoshopOptions options, int feather, String master,
                   Path results, boolean quiet) {
        public Request {
            clips = List.copyOf(clips);
            if (clips.isEmpty()) {
                throw new IllegalArgumentException("Expected at least one clip but found none");
            }
        }
    }

    /** Edits every clip; returns the exit status: 0 when every clip was edited or already done, 1 when some failed. */
    int run(Request request, PrintWriter out, PrintWriter err) throws Exception;
}
