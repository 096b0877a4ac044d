package dev.distill.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.distill.skills.Addition;
import dev.distill.skills.Problem;
import dev.distill.skills.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StudentTrainerTest {

    private final ByteTokenizer tokenizer = ByteTokenizer.instance();
    private final Addition skill = new Addition();

    /** Training problem number {@code index}, operands of up to 3 digits. */
    private EncodedExample addition(long index) {
        Problem p = skill.generate(Split.TRAIN.seed(0, index), 2);
        return tokenizer.encodeExample(List.of(ChatTurn.user(p.prompt())), skill.solve(p));
    }

    /** Sum over masked targets of -log softmax, computed in plain Java from the model's logits. */
    private static double[] manualLossSumAndCount(Student student, EncodedExample e) {
        int[] inputs = Arrays.copyOf(e.tokens(), e.length() - 1);
        float[][] logits = student.logits(inputs);
        double sum = 0;
        int count = 0;
        for (int i = 0; i < inputs.length; i++) {
            if (!e.answerMask()[i + 1]) {
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (float v : logits[i]) {
                max = Math.max(max, v);
            }
            double z = 0;
            for (float v : logits[i]) {
                z += Math.exp(v - max);
            }
            double logProb = logits[i][e.tokens()[i + 1]] - max - Math.log(z);
            sum -= logProb;
            count++;
        }
        return new double[] {sum, count};
    }

    @Test
    void lossEqualsHandComputedMaskedCrossEntropy() {
        try (Student student = Student.create(StudentConfig.tiny(), 3);
                StudentTrainer trainer = new StudentTrainer(student, TrainingConfig.defaults())) {
            EncodedExample e = addition(1);
            double[] manual = manualLossSumAndCount(student, e);
            assertThat(manual[1]).isEqualTo(e.answerTokenCount());
            assertThat(trainer.loss(List.of(e))).isCloseTo(manual[0] / manual[1], within(1e-4));
            TrainStep step = trainer.step(List.of(e));
            assertThat(step.loss()).isCloseTo(manual[0] / manual[1], within(1e-4));
            assertThat(step.trainedTokens()).isEqualTo(e.answerTokenCount());
            assertThat(step.step()).isEqualTo(1);
            assertThat(step.gradientNorm()).isPositive();
        }
    }

    @Test
    void paddedBatchLossIsTheTokenWeightedMeanOverExamples() {
        try (Student student = Student.create(StudentConfig.tiny(), 3);
                StudentTrainer trainer = new StudentTrainer(student, TrainingConfig.defaults())) {
            EncodedExample shortOne = tokenizer.encodeExample(List.of(ChatTurn.user("What is 1 + 2?")), "1+2=3\n#### 3");
            EncodedExample longOne = addition(5);
            assertThat(shortOne.length()).isLessThan(longOne.length());
            double[] a = manualLossSumAndCount(student, shortOne);
            double[] b = manualLossSumAndCount(student, longOne);
            double expected = (a[0] + b[0]) / (a[1] + b[1]);
            assertThat(trainer.loss(List.of(shortOne, longOne))).isCloseTo(expected, within(1e-4));
        }
    }

    @Test
    void promptPositionsDoNotContributeToTheLoss() {
        try (Student student = Student.create(StudentConfig.tiny(), 4);
                StudentTrainer trainer = new StudentTrainer(student, TrainingConfig.defaults())) {
            EncodedExample e = addition(9);
            // Same tokens, but train on every position: the prompt targets now count and the loss moves.
            boolean[] all = new boolean[e.length()];
            Arrays.fill(all, 1, all.length, true);
            EncodedExample everything = new EncodedExample(e.tokens(), all);
            assertThat(trainer.loss(List.of(everything))).isNotCloseTo(trainer.loss(List.of(e)), within(1e-3));
            double[] manual = manualLossSumAndCount(student, e);
            assertThat(trainer.loss(List.of(e))).isCloseTo(manual[0] / manual[1], within(1e-4));
        }
    }

    @Test
    void changingATargetAtAMaskedPositionLeavesTheLossUnchanged() {
        try (NDManager m = DjlEnvironment.engine().newBaseManager()) {
            NDArray logits = m.randomNormal(new Shape(1, 4, 7));
            NDArray mask = m.create(new float[] {0, 0, 1, 1}, new Shape(1, 4));
            NDArray targets = m.create(new long[] {1, 2, 3, 4}, new Shape(1, 4));
            NDArray changedPrompt = m.create(new long[] {6, 0, 3, 4}, new Shape(1, 4));
            NDArray changedAnswer = m.create(new long[] {1, 2, 5, 4}, new Shape(1, 4));
            float base = TrainingLoss.crossEntropy(logits, targets, mask, 2).getFloat();
            assertThat(TrainingLoss.crossEntropy(logits, changedPrompt, mask, 2).getFloat()).isEqualTo(base);
            assertThat(TrainingLoss.crossEntropy(logits, changedAnswer, mask, 2).getFloat()).isNotEqualTo(base);
            float[] l = logits.toFloatArray();
            double expected = 0;
            for (int pos = 2; pos < 4; pos++) {
                double z = 0;
                for (int v = 0; v < 7; v++) {
                    z += Math.exp(l[pos * 7 + v]);
                }
                expected -= l[pos * 7 + (pos + 1)] - Math.log(z);
            }
            assertThat((double) base).isCloseTo(expected / 2, within(1e-5));
        }
    }

    @Test
    void everyParameterTensorReceivesGradientAndChanges() {
        try (Student student = Student.create(StudentConfig.tiny(), 5);
                StudentTrainer trainer = new StudentTrainer(student, TrainingConfig.defaults().withWarmupSteps(0))) {
            List<float[]> before = new ArrayList<>();
            for (Pair<String, Parameter> p : student.parameters()) {
                before.add(p.getValue().getArray().toFloatArray());
            }
            TrainStep s = trainer.step(List.of(addition(1), addition(2)));
            assertThat(s.gradientNorm()).isPositive();
            int i = 0;
            for (Pair<String, Parameter> p : student.parameters()) {
                assertThat(p.getValue().getArray().toFloatArray()).as(p.getKey()).isNotEqualTo(before.get(i++));
            }
        }
    }

    @Test
    void trainingIsDeterministicForASeed() {
        double[] first = losses(11);
        double[] second = losses(11);
        assertThat(second).containsExactly(first);
    }

    private double[] losses(long seed) {
        try (Student student = Student.create(StudentConfig.tiny(), seed);
                StudentTrainer trainer = new StudentTrainer(student, TrainingConfig.defaults())) {
            double[] out = new double[5];
            for (int i = 0; i < out.length; i++) {
                out[i] = trainer.step(List.of(addition(2 * i), addition(2 * i + 1))).loss();
            }
            return out;
        }
    }

    @Test
    void lossFallsOnARepeatedBatch() {
        try (Student student = Student.create(StudentConfig.tiny(), 6);
                StudentTrainer trainer = new StudentTrainer(student, TrainingConfig.defaults().withWarmupSteps(5))) {
            List<EncodedExample> batch = List.of(addition(1), addition(2), addition(3), addition(4));
            double first = trainer.step(batch).loss();
            double last = first;
            for (int i = 0; i < 40; i++) {
                last = trainer.step(batch).loss();
            }
            assertThat(last).isLessThan(first * 0.5);
        }
    }

    @Test
    void longExamplesAreTruncatedFromTheLeftAndEmptyBatchesRejected() {
        StudentConfig config = new StudentConfig(ByteTokenizer.VOCAB_SIZE, 32, 2, 1, 64, 16, "learned");
        try (Student student = Student.create(config, 1);
                StudentTrainer trainer = new StudentTrainer(student, TrainingConfig.defaults())) {
            EncodedExample e = addition(3); // about 50-90 tokens, maxSeqLen 16
            TrainStep s = trainer.step(List.of(e));
            assertThat(s.truncatedExamples()).isEqualTo(1);
            assertThat(s.paddedTokens()).isEqualTo(16);
            assertThat(s.trainedTokens()).isEqualTo(16); // the last 16 targets are all answer tokens
            assertThatThrownBy(() -> trainer.step(List.of())).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void memoryStaysFlatOverManySteps() throws IOException {
        try (Student student = Student.create(StudentConfig.tiny(), 8);
                StudentTrainer trainer = new StudentTrainer(student, TrainingConfig.defaults())) {
            List<EncodedExample> batch = List.of(addition(1), addition(2));
            // Warm up: optimiser state, allocator pools and the JIT reach their steady state.
            for (int i = 0; i < 200; i++) {
                trainer.step(batch);
            }
            int arraysBefore = student.manager().getManagedArrays().size();
            System.gc();
            long rssBefore = rssKb();
            for (int i = 0; i < 1000; i++) {
                trainer.step(batch);
                if (i % 100 == 0) {
                    student.generate(List.of(List.of(ChatTurn.user("What is 1 + 1?"))), 8);
                }
            }
            int arraysAfter = student.manager().getManagedArrays().size();
            System.gc();
            long rssAfter = rssKb();
            System.out.printf("memory check over 1000 steps: NDArrays on the model manager %d -> %d, RSS %d kB -> %d kB%n",
                    arraysBefore, arraysAfter, rssBefore, rssAfter);
            assertThat(arraysAfter).isEqualTo(arraysBefore);
            // A per-step leak of activations or gradients would be megabytes per step.
            assertThat(rssAfter - rssBefore).as("RSS growth in kB over 1000 steps").isLessThan(30_000);
        }
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
