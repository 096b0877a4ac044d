package dev.distill.trainer.service;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the trainer's memory looks like from inside. PyTorch's CPU allocator reports nothing DJL exposes, so the
 * memory outside the Java heap (libtorch, parameters, activations) shows only in the process's resident set.
 */
final class ProcessMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {
    }

    static double heapUsedBytes() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The process's resident set (heap included) from /proc/self/status; NaN where there is no /proc (not Linux). */
    static double residentBytes() {
        try {
            return residentBytes(Files.readAllLines(STATUS));
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** {@code VmRSS:   123456 kB} as bytes, NaN when the line is missing. */
    static double residentBytes(List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024.0; // the kernel always reports kB
            }
        }
        return Double.NaN;
    }
}
