package dev.distill.model.bench;

import ai.djl.pytorch.jni.JniUtils;
import dev.distill.model.DjlEnvironment;
import dev.distill.model.EncodedExample;
import dev.distill.model.Student;
import dev.distill.model.StudentConfig;
import dev.distill.model.StudentTrainer;
import dev.distill.model.TrainingConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Training throughput (tokens/s) of a student preset on a fixed synthetic batch of B sequences of T tokens, through
 * the real {@link StudentTrainer#step} (padding, forward, loss on every position, backward, clipping, our AdamW).
 * Its PyTorch twin is {@code common/model/bench/torch_student.py}; {@code common/model/bench/djl-vs-torch.sh}
 * runs both alternately and prints the comparison table.
 *
 * <p>Run (after {@code ./mvnw -B -q -pl common/model -am install -DskipTests}) with {@code OMP_WAIT_POLICY=PASSIVE}:
 * <pre>
 * java -cp "common/model/target/classes:$(cat common/model/cp.txt)" dev.distill.model.bench.ThroughputBenchmark \
 *     --preset small --batch 64 --seq 128 --threads 2 [--phases]
 * </pre>
 * Options: {@code --preset tiny|small|base}, {@code --batch B}, {@code --seq T} (at most the preset's maxSeqLen),
 * {@code --warmup N} steps excluded from timing (default 2), {@code --min-steps N} (default 3), {@code --seconds S}
 * timed budget (default 8), {@code --threads N}, {@code --phases} (also time forward, backward, clipping and the
 * optimiser separately, with our AdamW's ops and with libtorch's fused update, see {@link StepPhaseProfile}),
 * {@code --op-profile FILE} (afterwards write libtorch's profile of 3 steps to FILE as a Chrome trace),
 * {@code --gemm} (instead of training, print the best matmul rate, {@link MatmulRate}: {@code GEMM gflops=..}).
 *
 * <p>Prints {@code RESULT impl=djl preset=.. batch=.. seq=.. params=.. steps=.. seconds=.. tokens_per_s=..}.
 */
public final class ThroughputBenchmark {

    private ThroughputBenchmark() {}

    public static void main(String[] args) {
        BenchOptions opt = BenchOptions.parse(args);
        if (opt.has("threads")) {
            DjlEnvironment.setIntraOpThreads(opt.integer("threads", 1));
        }
        if (opt.has("gemm")) {
            System.out.printf(Locale.ROOT, "GEMM gflops=%.1f threads=%d impl=djl%n",
                    MatmulRate.measure(opt.decimal("seconds", 8)) / 1e9, DjlEnvironment.intraOpThreads());
            return;
        }
        String preset = opt.text("preset", "tiny");
        StudentConfig config = StudentConfig.preset(preset);
        int batchSize = opt.integer("batch", 64);
        int seq = opt.integer("seq", 128);
        if (seq > config.maxSeqLen()) {
            throw new IllegalArgumentException("--seq " + seq + " exceeds the " + preset + " preset's maxSeqLen "
                    + config.maxSeqLen());
        }
        Timing timing = new Timing(opt.integer("warmup", 2), opt.integer("min-steps", 3), opt.decimal("seconds", 8));
        List<EncodedExample> batch = syntheticBatch(batchSize, seq);
        try (Student student = Student.create(config, 7);
                StudentTrainer trainer = new StudentTrainer(student, TrainingConfig.defaults())) {
            double[] loss = new double[1];
            Timing.Result r = timing.run(() -> loss[0] = trainer.step(batch).loss());
            System.out.printf(Locale.ROOT, "RESULT impl=djl preset=%s batch=%d seq=%d params=%d steps=%d seconds=%.2f "
                            + "tokens_per_s=%.0f loss=%.3f threads=%d%n", preset, batchSize, seq,
                    student.parameterCount(), r.steps(), r.seconds(), r.steps() * (double) batchSize * seq / r.seconds(),
                    loss[0], DjlEnvironment.intraOpThreads());
            if (opt.has("op-profile")) {
                // libtorch's own profiler over a few more steps: a Chrome trace whose per-op times compare
                // directly with torch.profiler's on the Python side (torch_student.py --op-profile)
                JniUtils.startProfile(false, false, false);
                for (int i = 0; i < 3; i++) {
                    trainer.step(batch);
                }
                JniUtils.stopProfile(opt.text("op-profile", "target/djl-ops.json"));
            }
            if (opt.has("phases")) {
                StepPhaseProfile.run(student, batchSize, seq, timing, System.out);
            }
        }
    }

    /**
     * B rows of T + 1 deterministic tokens, every target trained (answer mask true after the first token), so the
     * loss covers all B x T positions and no row is padded. Token {@code (r * 31 + i * 7) % 256 + 4}, as in the
     * Python twin.
     */
    static List<EncodedExample> syntheticBatch(int rows, int seq) {
        List<EncodedExample> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            int[] tokens = new int[seq + 1];
            boolean[] answer = new boolean[seq + 1];
            for (int i = 0; i <= seq; i++) {
                tokens[i] = (r * 31 + i * 7) % 256 + 4;
            }
            Arrays.fill(answer, 1, seq + 1, true);
            out.add(new EncodedExample(tokens, answer));
        }
        return out;
    }
}
