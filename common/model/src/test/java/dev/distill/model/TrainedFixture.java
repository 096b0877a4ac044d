package dev.distill.model;

import dev.distill.skills.Addition;
import dev.distill.skills.Problem;
import dev.distill.skills.Split;
import java.util.ArrayList;
import java.util.List;

/** A briefly trained student (a few seconds) whose next-token distributions are peaked, not uniform. */
final class TrainedFixture {

    private TrainedFixture() {}

    static Student trained(StudentConfig config, int steps) {
        Student student = Student.create(config, 21);
        ByteTokenizer tokenizer = ByteTokenizer.instance();
        Addition addition = new Addition();
        try (StudentTrainer trainer = new StudentTrainer(student, TrainingConfig.defaults().withWarmupSteps(10))) {
            long index = 0;
            for (int i = 0; i < steps; i++) {
                List<EncodedExample> batch = new ArrayList<>();
                for (int j = 0; j < 16; j++) {
                    Problem p = addition.generate(Split.TRAIN.seed(0, index++), 2); // up to 3 digits
                    batch.add(tokenizer.encodeExample(List.of(ChatTurn.user(p.prompt())), addition.solve(p)));
                }
                trainer.step(batch);
            }
        }
        return student;
    }

    static List<List<ChatTurn>> prompts() {
        return List.of(
                List.of(ChatTurn.user("What is 7 + 5?")),
                List.of(ChatTurn.user("What is 347 + 285?")),
                List.of(ChatTurn.system("You add numbers."), ChatTurn.user("What is 12 + 999?")),
                List.of(ChatTurn.user("What is 60 + 3?")),
                List.of(ChatTurn.user("ما هو ٣ + ٤؟")));
    }
}
