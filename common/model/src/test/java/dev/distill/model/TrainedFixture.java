package dev.distill.model;

import dev.distill.model.bench.AdditionTask;
import java.util.ArrayList;
import java.util.List;

/** A briefly trained student (a few seconds) whose next-token distributions are peaked, not uniform. */
final class TrainedFixture {

    private TrainedFixture() {}

    static Student trained(StudentConfig config, int steps) {
        Student student = Student.create(config, 21);
        ByteTokenizer tokenizer = ByteTokenizer.instance();
        try (StudentTrainer trainer = new StudentTrainer(student, TrainingConfig.defaults().withWarmupSteps(10))) {
            long seed = 0;
            for (int i = 0; i < steps; i++) {
                List<EncodedExample> batch = new ArrayList<>();
                for (int j = 0; j < 16; j++) {
                    AdditionTask.Problem p = AdditionTask.problem(seed++, 3);
                    batch.add(tokenizer.encodeExample(p.prompt(), p.answer()));
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
