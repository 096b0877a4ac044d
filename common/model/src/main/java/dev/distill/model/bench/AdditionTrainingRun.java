package dev.distill.model.bench;

import dev.distill.model.ByteTokenizer;
import dev.distill.model.ChatTurn;
import dev.distill.model.EncodedExample;
import dev.distill.model.Student;
import dev.distill.model.StudentTrainer;
import dev.distill.model.TrainStep;
import dev.distill.model.TrainingConfig;
import dev.distill.skills.Addition;
import dev.distill.skills.FinalAnswer;
import dev.distill.skills.Problem;
import dev.distill.skills.Split;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Trains a student on the platform's addition skill ({@link Addition}, worked steps ending in {@code
 * #### <sum>}) for a time or step budget and measures held-out exact match of the final answer.
 *
 * <p>Training problem {@code i} has seed {@code Split.TRAIN.seed(CAMPAIGN_SEED, i)} and held-out
 * problem {@code i} has seed {@code Split.EVAL.seed(CAMPAIGN_SEED, i)}, so the seeds are disjoint by
 * construction. Different seeds can still give the same question (about one problem in nine has two
 * 1-digit operands), so a training problem whose prompt equals a held-out prompt is skipped as well.
 */
public final class AdditionTrainingRun {

    /** Campaign seed the train and eval {@link Split} seeds are derived from. */
    public static final long CAMPAIGN_SEED = 0;
    public static final int MAX_NEW_TOKENS = 96;

    private static final Addition ADDITION = new Addition();

    /** Outcome of a run. */
    public record Result(long steps, long trainedTokens, long paddedTokens, double trainSeconds,
            double paddedTokensPerSecond, double accuracy, double secondsToTarget, double lastLoss) {}

    private final Student student;
    private final TrainingConfig config;
    private final int difficulty;
    private final List<Problem> eval;
    private final Set<String> evalPrompts = new HashSet<>();
    private final ByteTokenizer tokenizer = ByteTokenizer.instance();
    private long nextTrainIndex;

    /**
     * @param difficulty the {@link Addition} difficulty, 1..5: operands of 1..{@code difficulty + 1}
     *     digits (2: up to 3 digits)
     * @param evalCount number of held-out problems
     */
    public AdditionTrainingRun(Student student, TrainingConfig config, int difficulty, int evalCount) {
        this.student = student;
        this.config = config;
        this.difficulty = difficulty;
        this.eval = heldOut(0, evalCount, difficulty);
        for (Problem p : eval) {
            evalPrompts.add(p.prompt());
        }
    }

    /** Held-out problems {@code fromIndex .. fromIndex + count - 1} (eval split seeds). */
    public static List<Problem> heldOut(long fromIndex, int count, int difficulty) {
        List<Problem> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(ADDITION.generate(Split.EVAL.seed(CAMPAIGN_SEED, fromIndex + i), difficulty));
        }
        return out;
    }

    /** The chat prompt the student sees for a problem. */
    public static List<ChatTurn> chat(Problem p) {
        return List.of(ChatTurn.user(p.prompt()));
    }

    /** Next training batch filling the token budget. */
    public List<EncodedExample> nextBatch() {
        List<EncodedExample> candidates = new ArrayList<>();
        int longest = 0;
        while (true) {
            Problem p = ADDITION.generate(Split.TRAIN.seed(CAMPAIGN_SEED, nextTrainIndex++), difficulty);
            if (evalPrompts.contains(p.prompt())) {
                continue;
            }
            EncodedExample e = tokenizer.encodeExample(chat(p), ADDITION.solve(p));
            int len = Math.max(longest, e.length() - 1);
            if (!candidates.isEmpty() && (long) len * (candidates.size() + 1) > config.batchTokens()) {
                nextTrainIndex--; // keep it for the next batch
                return candidates;
            }
            candidates.add(e);
            longest = len;
        }
    }

    /** Exact match of the final answer on the held-out problems (greedy). */
    public double accuracy() {
        List<List<ChatTurn>> prompts = new ArrayList<>();
        for (Problem p : eval) {
            prompts.add(chat(p));
        }
        List<String> out = student.generate(prompts, MAX_NEW_TOKENS);
        int correct = 0;
        for (int i = 0; i < eval.size(); i++) {
            if (FinalAnswer.extract(out.get(i)).filter(eval.get(i).answer()::equals).isPresent()) {
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
