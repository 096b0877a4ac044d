package dev.distill.model.bench;

import dev.distill.model.DjlEnvironment;
import dev.distill.model.EncodedExample;
import dev.distill.model.LossConfig;
import dev.distill.model.Student;
import dev.distill.model.StudentConfig;
import dev.distill.model.StudentTrainer;
import dev.distill.model.TrainStep;
import dev.distill.model.TrainingConfig;
import dev.distill.skills.Problem;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Cross-entropy against top-k distillation on the same data: two students from the same seed trained on the same
 * batches in the same order, one with {@code loss=ce}, one with {@code loss=kd} (the trainer's defaults alpha 0.5,
 * beta 0.5, tau 1), on addition answers from the real reference teacher with its top-k logprobs as it serves them
 * ({@link TeacherLabelledAdditions}). Held-out exact match ({@link AdditionTrainingRun#accuracy}) is measured for
 * both every {@code --eval-every} steps; the two curves are printed side by side, then the first evaluated step at
 * which each reached 50%, 80%, 90% and 95%, and how much the teacher's distributions carry beyond the answer text
 * ({@link TeacherSignal}).
 *
 * <p>Run with {@code ./distill bench-kd [steps] [eval-every]}, or from the repository root after {@code ./mvnw -B -q
 * -DskipTests install} (which also builds the teacher's jar): {@code OMP_WAIT_POLICY=PASSIVE java -cp
 * "common/model/target/classes:trainer/target/quarkus-app/lib/main/*:$(ls deploy/local/target/lib/distill-skills-*.jar)"
 * dev.distill.model.bench.KdComparison}.
 *
 * <p>Options: {@code --steps N} (default 1000; the schedule decays over them, as the trainer's does over its
 * max-steps), {@code --eval-every N} (50), {@code --eval N} held-out prompts (200), {@code --preset} (tiny),
 * {@code --difficulty D} (2: operands up to 3 digits), {@code --top-logprobs K} (5, the prompt-generator's
 * default), {@code --alpha --beta --tau} (0.5, 0.5, 1.0), {@code --seed N} (42), {@code --threads N},
 * {@code --teacher-url URL} (a running reference teacher) or {@code --teacher-jar PATH} (default
 * deploy/reference-teacher/target/quarkus-app/quarkus-run.jar, started on a free port for the run) and
 * {@code --teacher-version V} (v1, which answers about 15% of prompts wrongly).
 */
public final class KdComparison {

    static final double[] THRESHOLDS = {0.5, 0.8, 0.9, 0.95};

    /** One evaluation of both students after {@code step} steps. */
    record Point(long step, double ceLoss, double kdLoss, double kdCrossEntropy, double kdDistillation,
            double ceAccuracy, double kdAccuracy) {}

    private KdComparison() {}

    public static void main(String[] args) {
        BenchOptions opt = BenchOptions.parse(args);
        if (opt.has("threads")) {
            DjlEnvironment.setIntraOpThreads(opt.integer("threads", 0));
        }
        int steps = opt.integer("steps", 1000);
        int evalEvery = opt.integer("eval-every", 50);
        int difficulty = opt.integer("difficulty", 2);
        int topLogprobs = opt.integer("top-logprobs", 5);
        StudentConfig config = StudentConfig.preset(opt.text("preset", "tiny"));
        TrainingConfig base = TrainingConfig.defaults().withDecaySteps(steps);
        base = new TrainingConfig(base.peakLearningRate(), base.minLearningRate(), base.warmupSteps(),
                base.decaySteps(), base.weightDecay(), base.maxGradNorm(), base.beta1(), base.beta2(),
                base.batchTokens(), opt.integer("seed", (int) base.seed()), base.loss());
        TrainingConfig ce = base.withLoss(LossConfig.crossEntropy());
        TrainingConfig kd = base.withLoss(LossConfig.distillation(opt.decimal("alpha", 0.5),
                opt.decimal("beta", 0.5), opt.decimal("tau", 1.0)));
        List<Problem> eval = AdditionTrainingRun.heldOut(0, opt.integer("eval", 200), difficulty);
        System.out.printf("threads=%d config=%s%nce=%s%nkd=%s%n", DjlEnvironment.intraOpThreads(), config, ce, kd);

        try (ReferenceTeacherClient teacher = teacher(opt);
                Student ceStudent = Student.create(config, base.seed());
                Student kdStudent = Student.create(config, base.seed());
                StudentTrainer ceTrainer = new StudentTrainer(ceStudent, ce);
                StudentTrainer kdTrainer = new StudentTrainer(kdStudent, kd)) {
            System.out.printf("teacher=%s top_logprobs=%d parameters=%d eval=%d difficulty=%d%n", teacher.model(),
                    topLogprobs, ceStudent.parameterCount(), eval.size(), difficulty);
            TeacherLabelledAdditions data = new TeacherLabelledAdditions(teacher, difficulty, topLogprobs,
                    eval.stream().map(Problem::prompt).toList());
            AdditionTrainingRun ceEval = new AdditionTrainingRun(ceStudent, ce, difficulty, eval.size());
            AdditionTrainingRun kdEval = new AdditionTrainingRun(kdStudent, kd, difficulty, eval.size());
            List<Point> curve = new ArrayList<>();
            System.out.printf("%6s %9s %9s %9s %9s %8s %8s%n", "step", "ce.loss", "kd.loss", "kd.ce", "kd.kl",
                    "ce.acc", "kd.acc");
            long t0 = System.nanoTime();
            long examples = 0;
            for (long step = 1; step <= steps; step++) {
                List<EncodedExample> batch = data.nextBatch(base.batchTokens());
                examples += batch.size();
                TrainStep c = ceTrainer.step(batch);
                TrainStep k = kdTrainer.step(batch);
                if (step == 1 && c.crossEntropy() != k.crossEntropy()) {
                    // same seed and batch: the first forward pass must agree, or the comparison is not like for like
                    throw new IllegalStateException("the two students differ before training: CE " + c.crossEntropy()
                            + " vs " + k.crossEntropy());
                }
                if (step % evalEvery == 0 || step == steps) {
                    Point p = new Point(step, c.loss(), k.loss(), k.crossEntropy(), k.distillation(),
                            ceEval.accuracy(), kdEval.accuracy());
                    curve.add(p);
                    System.out.printf("%6d %9.4f %9.4f %9.4f %9.4f %8.3f %8.3f   (%.0fs)%n", p.step(), p.ceLoss(),
                            p.kdLoss(), p.kdCrossEntropy(), p.kdDistillation(), p.ceAccuracy(), p.kdAccuracy(),
                            (System.nanoTime() - t0) / 1e9);
                }
            }
            System.out.printf("trained examples=%d (same for both), teacher asked=%d, rejected (did not verify)=%d "
                    + "(%.1f%%)%n", examples, data.asked(), data.rejected(), 100.0 * data.rejected() / data.asked());
            System.out.println("teacher signal (all fetched examples): " + data.signal().summary());
            for (double t : THRESHOLDS) {
                System.out.printf("steps to %.0f%%: ce=%s kd=%s%n", 100 * t, describe(stepsToReach(curve, t, false)),
                        describe(stepsToReach(curve, t, true)));
            }
        }
    }

    /** First evaluated step at which the student reached {@code threshold}, or -1 if it never did. */
    static long stepsToReach(List<Point> curve, double threshold, boolean kd) {
        for (Point p : curve) {
            if ((kd ? p.kdAccuracy() : p.ceAccuracy()) >= threshold) {
                return p.step();
            }
        }
        return -1;
    }

    private static String describe(long step) {
        return step < 0 ? "not reached" : Long.toString(step);
    }

    private static ReferenceTeacherClient teacher(BenchOptions opt) {
        if (opt.has("teacher-url")) {
            return ReferenceTeacherClient.at(URI.create(opt.text("teacher-url", null)));
        }
        Path jar = Path.of(opt.text("teacher-jar", "deploy/reference-teacher/target/quarkus-app/quarkus-run.jar"));
        return ReferenceTeacherClient.start(jar, opt.text("teacher-version", "v1"),
                Path.of("target", "kd-comparison-teacher.log"));
    }



}
