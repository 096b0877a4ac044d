package dev.distill.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

    @Test
    void theResidentSetIsReadInKibibytes() {
        assertThat(ProcessMemory.residentBytes(List.of("Name:\tjava", "VmPeak:\t 9000 kB", "VmRSS:\t  123456 kB",
                "Threads:\t42"))).isEqualTo(123456 * 1024.0);
        assertThat(ProcessMemory.residentBytes(List.of("Name:\tjava"))).isNaN();
    }

    @Test
    void thisProcessReportsItsHeapAndResidentSet() {
        assertThat(ProcessMemory.heapUsedBytes()).isPositive();
        assertThat(ProcessMemory.residentBytes()).isPositive(); // the build runs on Linux, which has /proc
    }
}
