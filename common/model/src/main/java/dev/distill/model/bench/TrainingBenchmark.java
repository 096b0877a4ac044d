package dev.distill.model.bench;

import dev.distill.model.ChatTurn;
import dev.distill.model.DjlEnvironment;
import dev.distill.model.Student;
import dev.distill.model.StudentConfig;
import dev.distill.model.TrainingConfig;
import dev.distill.skills.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures training throughput, time to 90% held-out exact match on addition with worked steps (the
 * {@code dev.distill.skills.Addition} skill, see {@link AdditionTrainingRun}), and generation
 * throughput.
 *
 * <p>Run from the repository root after {@code ./mvnw -B -q -pl common/model -am install -DskipTests}:
 *
 * <pre>
 * OMP_WAIT_POLICY=PASSIVE ./mvnw -B -q -pl common/model exec:java -Dexec.mainClass=dev.distill.model.bench.TrainingBenchmark \
 *     -Dexec.args="--seconds 150 --preset tiny"
 * </pre>
 *
 * or with a plain JVM: {@code java -cp "common/model/target/classes:$(cat common/model/target/cp.txt)"
 * dev.distill.model.bench.TrainingBenchmark} where {@code common/model/target/cp.txt} comes from {@code
 * ./mvnw -q -pl common/model org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath
 * -Dmdep.outputFile=target/cp.txt} (the output file is relative to the module; the short {@code dependency:} prefix
 * does not resolve offline). Export {@code OMP_WAIT_POLICY=PASSIVE} either way: libtorch's OpenMP threads
 * otherwise spin-wait, which on shared cores makes 2 threads several times slower than 1.
 *
 * <p>Options (all optional): {@code --preset tiny|small|base}, {@code --positions learned|rotary},
 * {@code --d N --layers N --heads N --ff N}, {@code --seconds S} (training time budget), {@code --steps N} (step budget), {@code
 * --lr X}, {@code --warmup N}, {@code --decay N}, {@code --batch-tokens N},
 * {@code --difficulty N} (addition difficulty 1..5, operands of 1..N+1 digits; default 2, up to 3
 * digits), {@code --eval N} (held-out prompts), {@code --eval-every N} (steps), {@code --threads N},
 * {@code --seed N}, {@code --stop} (stop once 90% is reached).
 */
public final class TrainingBenchmark {

    private TrainingBenchmark() {}

    public static void main(String[] args) {
        BenchOptions opt = BenchOptions.parse(args);
        if (opt.has("threads")) {
            DjlEnvironment.setIntraOpThreads(opt.integer("threads", 0));
        }
        StudentConfig preset = StudentConfig.preset(opt.text("preset", "tiny"));
        StudentConfig config = new StudentConfig(preset.vocabSize(),
                opt.integer("d", preset.dModel()), opt.integer("heads", preset.heads()),
                opt.integer("layers", preset.layers()), opt.integer("ff", preset.ffDim()),
                opt.integer("seq", preset.maxSeqLen()), opt.text("positions", preset.positions()));
        TrainingConfig d = TrainingConfig.defaults();
        TrainingConfig training = new TrainingConfig(opt.decimal("lr", d.peakLearningRate()),
                opt.decimal("min-lr", d.minLearningRate()), opt.integer("warmup", d.warmupSteps()),
                opt.integer("decay", d.decaySteps()), opt.decimal("wd", d.weightDecay()),
                opt.decimal("clip", d.maxGradNorm()), d.beta1(), opt.decimal("beta2", d.beta2()),
                opt.integer("batch-tokens", d.batchTokens()), opt.integer("seed", (int) d.seed()),
                d.loss());
        if (opt.has("digits")) {
            throw new IllegalArgumentException("--digits was replaced by --difficulty D, the addition skill's "
                    + "difficulty 1..5 (operands of 1..D+1 digits): --digits 3 is --difficulty 2");
        }
        int difficulty = opt.integer("difficulty", 2);
        double seconds = opt.decimal("seconds", 150);
        System.out.printf("threads=%d config=%s%ntraining=%s%n", DjlEnvironment.intraOpThreads(), config, training);
        try (Student student = Student.create(config, training.seed())) {
            System.out.printf("parameters=%d%n", student.parameterCount());
            AdditionTrainingRun run = new AdditionTrainingRun(student, training, difficulty, opt.integer("eval", 200));
            AdditionTrainingRun.Result r = run.run(seconds, opt.integer("steps", Integer.MAX_VALUE),
                    opt.integer("eval-every", 250), 0.9,
                    opt.has("stop"), System.out::println);
            System.out.printf("TRAIN steps=%d trainSeconds=%.1f paddedTokens/s=%.0f answerTokens/s=%.0f loss=%.4f "
                            + "accuracy=%.3f secondsTo90=%.1f%n", r.steps(), r.trainSeconds(),
                    r.paddedTokensPerSecond(), r.trainedTokens() / r.trainSeconds(), r.lastLoss(), r.accuracy(),
                    r.secondsToTarget());
            benchmarkGeneration(student, difficulty);
        }
    }

    private static void benchmarkGeneration(Student student, int difficulty) {
        List<List<ChatTurn>> prompts = new ArrayList<>();
        for (Problem p : AdditionTrainingRun.heldOut(0, 256, difficulty)) {
            prompts.add(AdditionTrainingRun.chat(p));
        }
        student.generate(prompts.subList(0, 16), 16); // warm-up
        long t0 = System.nanoTime();
        List<String> out = student.generate(prompts, AdditionTrainingRun.MAX_NEW_TOKENS);
        double s = (System.nanoTime() - t0) / 1e9;
        long tokens = out.stream().mapToLong(o -> student.tokenizer().encode(o).length + 1).sum();
        System.out.printf("GENERATE prompts=%d seconds=%.2f newTokens/s=%.0f (batch %d, greedy, KV cache)%n",
                prompts.size(), s, tokens / s, 64);
    }



}
