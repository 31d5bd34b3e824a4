package org.videoshop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's 1-minute load average, printed beside A/B timings so that a change of load can be seen. */
final class LoadAverage {

    private LoadAverage() {
    }

    /** The first field of /proc/loadavg, or "?" where it cannot be read. */
    static String now() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
