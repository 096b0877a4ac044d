package dev.distill.model.bench;

import dev.distill.model.ByteTokenizer;
import dev.distill.model.ChatTurn;
import dev.distill.model.EncodedExample;
import dev.distill.model.Student;
import dev.distill.model.StudentTrainer;
import dev.distill.model.TrainStep;
import dev.distill.model.TrainingConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Trains a student on generated addition problems for a time budget and measures held-out exact
 * match of the final answer. Training seeds start at 0; evaluation seeds start at {@link
 * #EVAL_SEED_BASE} and any training problem equal to an evaluation problem is skipped.
 */
public final class AdditionTrainingRun {

    public static final long EVAL_SEED_BASE = 1L << 40;
    public static final int MAX_NEW_TOKENS = 96;

    /** Outcome of a run. */
    public record Result(long steps, long trainedTokens, long paddedTokens, double trainSeconds,
            double paddedTokensPerSecond, double accuracy, double secondsToTarget, double lastLoss) {}

    private final Student student;
    private final TrainingConfig config;
    private final int maxDigits;
    private final List<AdditionTask.Problem> eval;
    private final Set<AdditionTask.Problem> evalSet;
    private final ByteTokenizer tokenizer = ByteTokenizer.instance();
    private long nextTrainSeed;

    public AdditionTrainingRun(Student student, TrainingConfig config, int maxDigits, int evalCount) {
        this.student = student;
        this.config = config;
        this.maxDigits = maxDigits;
        this.eval = AdditionTask.problems(EVAL_SEED_BASE, evalCount, maxDigits);
        this.evalSet = new HashSet<>(eval);
    }

    /** Next training batch filling the token budget. */
    public List<EncodedExample> nextBatch() {
        List<EncodedExample> candidates = new ArrayList<>();
        int longest = 0;
        while (true) {
            AdditionTask.Problem p = AdditionTask.problem(nextTrainSeed++, maxDigits);
            if (evalSet.contains(p)) {
                continue;
            }
            EncodedExample e = tokenizer.encodeExample(p.prompt(), p.answer());
            int len = Math.max(longest, e.length() - 1);
            if (!candidates.isEmpty() && (long) len * (candidates.size() + 1) > config.batchTokens()) {
                nextTrainSeed--; // keep it for the next batch
                return candidates;
            }
            candidates.add(e);
            longest = len;
        }
    }

    /** Exact match of the final answer on the held-out problems (greedy). */
    public double accuracy() {
        List<List<ChatTurn>> prompts = new ArrayList<>();
        for (AdditionTask.Problem p : eval) {
            prompts.add(p.prompt());
        }
        List<String> out = student.generate(prompts, MAX_NEW_TOKENS);
        int correct = 0;
        for (int i = 0; i < eval.size(); i++) {
            if (AdditionTask.finalAnswer(out.get(i)).equals(eval.get(i).expected())) {
                correct++;
            }
        }
        return (double) correct / eval.size();
    }

    /**
     * Trains until {@code maxSeconds} of training time or {@code maxSteps} steps, whichever comes
     * first, evaluating every {@code evalEverySteps}; stops early once accuracy reaches {@code
     * target} (if {@code stopAtTarget}).
     */
    public Result run(double maxSeconds, long maxSteps, int evalEverySteps, double target, boolean stopAtTarget,
            Consumer<String> log) {
        long steps = 0;
        long trained = 0;
        long padded = 0;
        double trainNanos = 0;
        double accuracy = 0;
        double toTarget = Double.NaN;
        double lastLoss = Double.NaN;
        try (StudentTrainer trainer = new StudentTrainer(student, config)) {
            while (trainNanos / 1e9 < maxSeconds && steps < maxSteps) {
                List<EncodedExample> batch = nextBatch();
                long t0 = System.nanoTime();
                TrainStep s = trainer.step(batch);
                trainNanos += System.nanoTime() - t0;
                steps++;
                trained += s.trainedTokens();
                padded += s.paddedTokens();
                lastLoss = s.loss();
                if (steps % evalEverySteps == 0) {
                    long e0 = System.nanoTime();
                    accuracy = accuracy();
                    double evalSeconds = (System.nanoTime() - e0) / 1e9;
                    log.accept(String.format("step %d  train %.1fs  loss %.4f  lr %.2e  |g| %.2f  %.0f tok/s  acc %.3f (eval %.1fs)",
                            steps, trainNanos / 1e9, s.loss(), s.learningRate(), s.gradientNorm(),
                            padded / (trainNanos / 1e9), accuracy, evalSeconds));
                    if (accuracy >= target && Double.isNaN(toTarget)) {
                        toTarget = trainNanos / 1e9;
                        if (stopAtTarget) {
                            break;
                        }
                    }
                }
            }
        }
        if (steps % evalEverySteps != 0) {
            accuracy = accuracy();
            if (accuracy >= target && Double.isNaN(toTarget)) {
                toTarget = trainNanos / 1e9;
            }
        }
        return new Result(steps, trained, padded, trainNanos / 1e9, padded / (trainNanos / 1e9), accuracy,
                toTarget, lastLoss);
    }

}
