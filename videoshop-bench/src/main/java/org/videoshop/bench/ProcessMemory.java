package org.videoshop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's resident memory, read from {@code /proc/self/status} (Linux). Stateless. */
public final class ProcessMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {
    }

    /** Current resident set size in KiB (VmRSS), or -1 where the kernel does not report it. */
    public static long residentKb() {
        return statusKb("VmRSS:");
    }

    /** Peak resident set size in KiB (VmHWM), or -1 where the kernel does not report it. */
    public static long peakResidentKb() {
        return statusKb("VmHWM:");
    }

    private static long statusKb(String field) {
        try {
            if (!Files.exists(STATUS)) {
                return -1;
            }
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
