package dev.distill.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.distill.events.TokenLogprob;
import dev.distill.skills.Addition;
import dev.distill.skills.Problem;
import dev.distill.skills.Split;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link StudentTrainer} with the distillation loss, end to end from teacher tokens. */
class DistillationTrainingTest {

    private static final ByteTokenizer TOKENIZER = ByteTokenizer.instance();
    private static final double CHOSEN = 0.6;

    private final Addition skill = new Addition();

    /**
     * The reference teacher's shape of output: one token per character, the chosen one with
     * probability 0.6 and the "next" character (digit + 1, otherwise 'x') with 0.4.
     */
    private static List<TokenLogprob> teacherTokens(String answer) {
        List<TokenLogprob> tokens = new ArrayList<>();
        for (char c : answer.toCharArray()) {
            String alt = Character.isDigit(c) ? String.valueOf((char) ('0' + (c - '0' + 1) % 10)) : "x";
            tokens.add(new TokenLogprob(String.valueOf(c), Math.log(CHOSEN), List.of(
                    new TokenLogprob.Alternative(String.valueOf(c), Math.log(CHOSEN)),
                    new TokenLogprob.Alternative(alt, Math.log(1 - CHOSEN)))));
        }
        return tokens;
    }

    private EncodedExample distilled(long index) {
        Problem p = skill.generate(Split.TRAIN.seed(0, index), 2);
        String answer = skill.solve(p);
        TeacherTargets targets = TeacherTargets.project(answer, teacherTokens(answer));
        assertThat(targets.outcome()).isEqualTo(TeacherTargets.Outcome.PROJECTED);
        return TOKENIZER.encodeExample(List.of(ChatTurn.user(p.prompt())), answer).withTeacher(targets);
    }

    private static double[] softmax(float[] logits, double tau) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v / tau);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int v = 0; v < p.length; v++) {
            p[v] = Math.exp(logits[v] / tau - max);
            sum += p[v];
        }
        for (int v = 0; v < p.length; v++) {
            p[v] /= sum;
        }
        return p;
    }

    /**
     * Plain-Java sums over one example from the model's logits: {CE sum, CE count, KL sum, KL
     * count}, with the teacher tempered by hand as q^(1/tau) renormalised.
     */
    private static double[] handSums(Student student, EncodedExample e, double tau) {
        float[][] logits = student.logits(Arrays.copyOf(e.tokens(), e.length() - 1));
        double[] sums = new double[4];
        for (int i = 0; i < logits.length; i++) {
            if (e.answerMask()[i + 1]) {
                sums[0] -= Math.log(softmax(logits[i], 1)[e.tokens()[i + 1]]);
                sums[1]++;
            }
            ByteDistribution d = e.teacher() == null ? null : e.teacher()[i + 1];
            if (d == null) {
                continue;
            }
            double[] p = softmax(logits[i], tau);
            double norm = 0;
            for (float q : d.probs()) {
                norm += Math.pow(q, 1 / tau);
            }
            for (int k = 0; k < d.size(); k++) {
                double q = Math.pow(d.probs()[k], 1 / tau) / norm;
                sums[2] += q * (Math.log(q) - Math.log(p[d.ids()[k]]));
            }
            sums[3]++;
        }
        return sums;
    }

    @Test
    void stepReportsCrossEntropyAndDistillationPartsOfAHandComputedObjective() {
        LossConfig loss = LossConfig.distillation(0.4, 0.6, 1.5);
        try (Student student = Student.create(StudentConfig.tiny(), 3);
                StudentTrainer trainer = new StudentTrainer(student, TrainingConfig.defaults().withLoss(loss))) {
            EncodedExample withTeacher = distilled(1);
            EncodedExample withoutTeacher = TOKENIZER.encodeExample(List.of(ChatTurn.user("What is 1 + 2?")), "1+2=3\n#### 3");
            double[] a = handSums(student, withTeacher, loss.tau());
            double[] b = handSums(student, withoutTeacher, loss.tau());
            assertThat(a[3]).isEqualTo(withTeacher.teacherPositionCount()).isEqualTo(a[1] - 1); // every byte but EOS
            assertThat(b[3]).isZero();
            double ce = (a[0] + b[0]) / (a[1] + b[1]);
            double kd = a[2] / a[3];
            double objective = loss.alpha() * ce + loss.beta() * loss.tau() * loss.tau() * kd;

            List<EncodedExample> batch = List.of(withoutTeacher, withTeacher);
            assertThat(trainer.loss(batch)).isCloseTo(objective, within(1e-4));
            TrainStep step = trainer.step(batch);
            assertThat(step.crossEntropy()).isCloseTo(ce, within(1e-4));
            assertThat(step.distillation()).isCloseTo(kd, within(1e-4));
            assertThat(step.loss()).isCloseTo(objective, within(1e-4));
            assertThat(step.trainedTokens()).isEqualTo((int) (a[1] + b[1]));
            assertThat(step.distilledTokens()).isEqualTo((int) a[3]);
            assertThat(step.gradientNorm()).isPositive();
        }
    }

    @Test
    void crossEntropyTrainingReportsNoDistillationEvenWithTeacherTargets() {
        try (Student student = Student.create(StudentConfig.tiny(), 3);
                StudentTrainer trainer = new StudentTrainer(student, TrainingConfig.defaults())) {
            EncodedExample e = distilled(1);
            double[] sums = handSums(student, e, 1);
            TrainStep step = trainer.step(List.of(e));
            assertThat(step.loss()).isCloseTo(sums[0] / sums[1], within(1e-4));
            assertThat(step.crossEntropy()).isEqualTo(step.loss());
            assertThat(step.distillation()).isNaN();
            assertThat(step.distilledTokens()).isZero();
        }
    }

    /** Mean student probability of the teacher's alternative byte over the example's teacher positions. */
    private static double alternativeProbability(Student student, EncodedExample e) {
        float[][] logits = student.logits(Arrays.copyOf(e.tokens(), e.length() - 1));
        double sum = 0;
        int n = 0;
        for (int i = 0; i < logits.length; i++) {
            ByteDistribution d = e.teacher()[i + 1];
            if (d != null) {
                double[] p = softmax(logits[i], 1);
                for (int id : d.ids()) {
                    sum += id == e.tokens()[i + 1] ? 0 : p[id];
                }
                n++;
            }
        }
        return sum / n;
    }

    private double trainAndMeasure(LossConfig loss, List<EncodedExample> batch) {
        TrainingConfig config = TrainingConfig.defaults().withWarmupSteps(5).withLoss(loss);
        try (Student student = Student.create(StudentConfig.tiny(), 6);
                StudentTrainer trainer = new StudentTrainer(student, config)) {
            for (int i = 0; i < 150; i++) {
                trainer.step(batch);
            }
            double p = 0;
            for (EncodedExample e : batch) {
                p += alternativeProbability(student, e) / batch.size();
            }
            return p;
        }
    }

    /**
     * On a memorised batch, CE drives the alternative's probability towards 0, while KD with
     * alpha = beta = 0.5, tau = 1 has its optimum at 0.5 * onehot + 0.5 * q: 0.2 on the alternative.
     */
    @Test
    void distillationPullsTheStudentTowardsTheTeachersAlternatives() {
        List<EncodedExample> batch = List.of(distilled(1), distilled(2), distilled(3), distilled(4));
        double ce = trainAndMeasure(LossConfig.crossEntropy(), batch);
        double kd = trainAndMeasure(LossConfig.distillation(0.5, 0.5, 1), batch);
        System.out.printf("alternative probability after 150 steps: CE %.4f, KD %.4f (KD optimum %.2f)%n",
                ce, kd, 0.5 * (1 - CHOSEN));
        assertThat(ce).isLessThan(0.05);
        assertThat(kd).isCloseTo(0.5 * (1 - CHOSEN), within(0.07));
    }

    @Test
    void distillationStepsDoNotLeakArraysOntoTheModelManager() {
        try (Student student = Student.create(StudentConfig.tiny(), 8);
                StudentTrainer trainer = new StudentTrainer(student,
                        TrainingConfig.defaults().withLoss(LossConfig.distillation(0.5, 0.5, 2)))) {
            List<EncodedExample> batch = List.of(distilled(1), distilled(2));
            for (int i = 0; i < 5; i++) {
                trainer.step(batch);
            }
            int before = student.manager().getManagedArrays().size();
            for (int i = 0; i < 30; i++) {
                trainer.step(batch);
            }
            assertThat(student.manager().getManagedArrays()).hasSize(before);
        }
    }
}
