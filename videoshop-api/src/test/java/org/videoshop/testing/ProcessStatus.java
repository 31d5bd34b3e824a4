package org.videoshop.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's resident memory for soak tests, read from {@code /proc/self/status}; fails where it is absent. */
public final class ProcessStatus {

    private ProcessStatus() {
    }

    /** Current resident set size in KiB (VmRSS). */
    public static long residentKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("Expected a VmRSS line in /proc/self/status but found none");
    }
}
