package dev.distill.model.bench;

import dev.distill.model.ByteTokenizer;
import dev.distill.model.EncodedExample;
import dev.distill.model.TeacherTargets;
import dev.distill.skills.Addition;
import dev.distill.skills.FinalAnswer;
import dev.distill.skills.Problem;
import dev.distill.skills.Split;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Training examples for addition as the pipeline would curate them from the reference teacher: training problem
 * {@code i} (train split seeds, as {@link AdditionTrainingRun}), asked of the teacher with top-k logprobs; kept only
 * when the teacher's final answer is the problem's answer (the curator's verification), encoded with the teacher's
 * answer text and its top-k projected onto bytes ({@link TeacherTargets}). The order is fixed by the seeds, so two
 * students fed from one stream see the same batches.
 */
final class TeacherLabelledAdditions {

    private static final Addition ADDITION = new Addition();
    private static final int CHUNK = 256;

    private final ReferenceTeacherClient teacher;
    private final int difficulty;
    private final int topLogprobs;
    private final Set<String> excluded;
    private final ByteTokenizer tokenizer = ByteTokenizer.instance();
    private final ArrayDeque<EncodedExample> pending = new ArrayDeque<>();
    private final TeacherSignal signal = new TeacherSignal();
    private long nextIndex;
    private long asked;
    private long rejected;

    /** {@code excludedPrompts}: held-out questions, never trained on. */
    TeacherLabelledAdditions(ReferenceTeacherClient teacher, int difficulty, int topLogprobs,
            Collection<String> excludedPrompts) {
        this.teacher = teacher;
        this.difficulty = difficulty;
        this.topLogprobs = topLogprobs;
        this.excluded = new HashSet<>(excludedPrompts);
    }

    /** The next examples, in order, while rows x (longest - 1) stays within {@code tokenBudget}. */
    List<EncodedExample> nextBatch(int tokenBudget) {
        List<EncodedExample> batch = new ArrayList<>();
        int longest = 0;
        while (true) {
            if (pending.isEmpty()) {
                refill();
            }
            EncodedExample e = pending.peek();
            int len = Math.max(longest, e.length() - 1);
            if (!batch.isEmpty() && (long) len * (batch.size() + 1) > tokenBudget) {
                return batch;
            }
            batch.add(pending.poll());
            longest = len;
        }
    }

    TeacherSignal signal() {
        return signal;
    }

    long asked() {
        return asked;
    }

    /** Answers that did not verify and were left out. */
    long rejected() {
        return rejected;
    }

    private void refill() {
        List<Problem> problems = new ArrayList<>(CHUNK);
        while (problems.size() < CHUNK) {
            Problem p = ADDITION.generate(Split.TRAIN.seed(AdditionTrainingRun.CAMPAIGN_SEED, nextIndex++), difficulty);
            if (!excluded.contains(p.prompt())) {
                problems.add(p);
            }
        }
        List<ReferenceTeacherClient.Reply> replies = teacher.askAll(problems.stream().map(Problem::prompt).toList(),
                topLogprobs);
        for (int i = 0; i < problems.size(); i++) {
            Problem p = problems.get(i);
            ReferenceTeacherClient.Reply r = replies.get(i);
            asked++;
            if (!FinalAnswer.extract(r.content()).filter(p.answer()::equals).isPresent()) {
                rejected++;
                continue;
            }
            TeacherTargets targets = TeacherTargets.project(r.content(), r.tokens());
            EncodedExample e = tokenizer.encodeExample(AdditionTrainingRun.chat(p), r.content()).withTeacher(targets);
            signal.record(targets, e);
            pending.add(e);
        }
    }
}
