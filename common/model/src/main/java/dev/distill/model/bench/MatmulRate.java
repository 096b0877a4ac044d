package dev.distill.model.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.distill.model.DjlEnvironment;

/**
 * The best float32 rate of a large square matmul in DJL's libtorch: a practical peak for this CPU and thread count,
 * to set beside the theoretical one (cores x GHz x FMA lanes). Same sizes and rule as {@code torch_student.py --gemm}.
 */
final class MatmulRate {

    private MatmulRate() {}

    /** FLOP/s of the faster of a 1024 and a 2048 square product, each timed for half of {@code seconds}. */
    static double measure(double seconds) {
        double best = 0;
        try (NDManager manager = DjlEnvironment.engine().newBaseManager()) {
            for (int n : new int[] {1024, 2048}) {
                NDArray a = manager.randomNormal(new Shape(n, n));
                NDArray b = manager.randomNormal(new Shape(n, n));
                a.matMul(b).close();
                int reps = 0;
                long start = System.nanoTime();
                while ((System.nanoTime() - start) / 1e9 < seconds / 2) {
                    a.matMul(b).close();
                    reps++;
                }
                best = Math.max(best, 2.0 * n * n * n * reps / ((System.nanoTime() - start) / 1e9));
            }
        }
        return best;
    }
}
