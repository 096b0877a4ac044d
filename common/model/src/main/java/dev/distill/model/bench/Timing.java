package dev.distill.model.bench;

/**
 * Times a step: {@code warmup} untimed calls (allocator and libtorch kernels warm up), then calls until both
 * {@code minSteps} and {@code seconds} are reached. The same rule as {@code torch_student.py}, so both sides
 * average over comparable wall time.
 */
record Timing(int warmup, int minSteps, double seconds) {

    record Result(int steps, double seconds) {}

    Result run(Runnable step) {
        for (int i = 0; i < warmup; i++) {
            step.run();
        }
        int steps = 0;
        long start = System.nanoTime();
        while (steps < minSteps || (System.nanoTime() - start) / 1e9 < seconds) {
            step.run();
            steps++;
        }
        return new Result(steps, (System.nanoTime() - start) / 1e9);
    }
}
