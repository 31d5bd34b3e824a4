package org.videoshop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The spark-submit entry point checks the edit flags as the CLI does, before any Spark session is made. */
class VideoshopSparkJobTest {

    private static int run(StringWriter err, String... args) {
        CommandLine cl = new CommandLine(new VideoshopSparkJob());
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void editFlagsOutOfRangeAreAUsageErrorBeforeSparkStarts() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "--table", "no-such-table.csv", "--window", "1"));
        assertTrue(err.toString().contains("Expected --window of at least 2 frames but found 1"), err.toString());
        StringWriter backend = new StringWriter();
        assertEquals(2, run(backend, "--table", "no-such-table.csv", "--backend", "no-such-backend"));
        assertTrue(backend.toString().contains("no-such-backend"), backend.toString());
    }
}
