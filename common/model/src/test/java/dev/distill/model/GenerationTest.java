package dev.distill.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GenerationTest {

    private static Student rotary;
    private static Student learned;

    @BeforeAll
    static void train() {
        rotary = TrainedFixture.trained(StudentConfig.tiny().withPositions("rotary"), 60);
        learned = TrainedFixture.trained(StudentConfig.tiny(), 60);
    }

    @AfterAll
    static void close() {
        rotary.close();
        learned.close();
    }

    /** Greedy decoding by full recomputation of one sequence at a time: the reference. */
    private static String referenceGreedy(Student student, List<ChatTurn> prompt, int maxNewTokens) {
        ByteTokenizer tokenizer = student.tokenizer();
        int[] seq = tokenizer.encodePrompt(prompt);
        int promptLength = seq.length;
        for (int n = 0; n < maxNewTokens; n++) {
            int from = Math.max(0, seq.length - student.config().maxSeqLen());
            float[][] logits = student.logits(Arrays.copyOfRange(seq, from, seq.length));
            float[] last = logits[logits.length - 1];
            int best = 0;
            for (int i = 1; i < last.length; i++) {
                if (last[i] > last[best]) {
                    best = i;
                }
            }
            seq = Arrays.copyOf(seq, seq.length + 1);
            seq[seq.length - 1] = best;
            if (best == ByteTokenizer.EOS) {
                return tokenizer.decode(Arrays.copyOfRange(seq, promptLength, seq.length - 1));
            }
        }
        return tokenizer.decode(Arrays.copyOfRange(seq, promptLength, seq.length));
    }

    @Test
    void batchedCachedGreedyMatchesOneByOneRecomputation() {
        for (Student student : List.of(rotary, learned)) {
            List<List<ChatTurn>> prompts = TrainedFixture.prompts();
            List<String> batched = student.generate(prompts, 40);
            List<String> reference = new ArrayList<>();
            for (List<ChatTurn> p : prompts) {
                reference.add(referenceGreedy(student, p, 40));
            }
            assertThat(batched).as(student.config().positions()).isEqualTo(reference);
            assertThat(batched.get(1)).as("trained a little, it produces the answer's shape").contains("+");
        }
    }

    @Test
    void resultDoesNotDependOnBatchCompanions() {
        List<List<ChatTurn>> prompts = TrainedFixture.prompts();
        List<String> together = rotary.generate(prompts, 30);
        for (int i = 0; i < prompts.size(); i++) {
            assertThat(rotary.generate(List.of(prompts.get(i)), 30).get(0)).isEqualTo(together.get(i));
        }
    }

    @Test
    void contextBeyondMaxSeqLenIsTruncatedFromTheLeft() {
        StudentConfig small = new StudentConfig(ByteTokenizer.VOCAB_SIZE, 32, 2, 1, 64, 24, "learned");
        try (Student student = Student.create(small, 3)) {
            List<ChatTurn> prompt = List.of(ChatTurn.user("What is 123 + 456? Please show every step."));
            String generated = student.generate(List.of(prompt), 20).get(0);
            assertThat(generated).isEqualTo(referenceGreedy(student, prompt, 20));
        }
        List<ChatTurn> longPrompt = List.of(ChatTurn.user("x".repeat(150) + " What is 1 + 2?"));
        assertThat(learned.generate(List.of(longPrompt), 10).get(0))
                .isEqualTo(referenceGreedy(learned, longPrompt, 10));
    }

    @Test
    void samplingIsReproducibleForASeedAndVariesAcrossSeeds() {
        List<List<ChatTurn>> prompts = TrainedFixture.prompts();
        List<String> a = rotary.generate(prompts, 30, 1.5, 20, 99);
        List<String> b = rotary.generate(prompts, 30, 1.5, 20, 99);
        List<String> c = rotary.generate(prompts, 30, 1.5, 20, 100);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
        assertThat(rotary.generate(prompts, 30, 0.0, 0, 1)).isEqualTo(rotary.generate(prompts, 30));
    }

    @Test
    void streamingHandsOverEachTokenAsChosenAndMatchesBatchedGeneration() {
        List<ChatTurn> prompt = TrainedFixture.prompts().get(1);
        for (double temperature : new double[] {0.0, 1.5}) {
            List<Integer> heard = new ArrayList<>();
            int[] tokens = rotary.stream(prompt, 40, temperature, 20, 7, token -> heard.add(token));
            assertThat(heard).containsExactly(Arrays.stream(tokens).boxed().toArray(Integer[]::new));
            assertThat(rotary.tokenizer().decode(tokens)).as("temperature %s", temperature)
                    .isEqualTo(rotary.generate(List.of(prompt), 40, temperature, 20, 7).get(0));
        }
        List<Integer> heard = new ArrayList<>();
        int[] stopped = rotary.stream(prompt, 40, 0, 0, 0, token -> heard.add(token) && heard.size() < 3);
        assertThat(stopped).as("the sink said stop after its third token").hasSize(3);
        assertThat(heard).hasSize(3);
    }

    @Test
    void zeroNewTokensGivesEmptyCompletions() {
        assertThat(rotary.generate(TrainedFixture.prompts(), 0)).allMatch(String::isEmpty);
        assertThat(rotary.generate(List.of(), 10)).isEmpty();
    }
}
