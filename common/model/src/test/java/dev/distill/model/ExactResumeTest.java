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
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping after a checkpoint and resuming from it takes the same steps as never stopping. */
class ExactResumeTest {

    private static final int STEPS = 8;
    private static final int STOP_AT = 4;

    private final ByteTokenizer tokenizer = ByteTokenizer.instance();
    private final Addition skill = new Addition();
    private final TrainingConfig config = TrainingConfig.defaults().withWarmupSteps(3).withDecaySteps(10);

    @TempDir
    Path temp;

    private List<EncodedExample> batch(int step) {
        List<EncodedExample> batch = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Problem p = skill.generate(Split.TRAIN.seed(0, step * 6L + i), 2);
            batch.add(tokenizer.encodeExample(List.of(ChatTurn.user(p.prompt())), skill.solve(p)));
        }
        return batch;
    }

    private static List<float[]> parameters(Student student) {
        List<float[]> values = new ArrayList<>();
        for (Pair<String, Parameter> p : student.parameters()) {
            values.add(p.getValue().getArray().toFloatArray());
        }
        return values;
    }

    private static double maxDifference(List<float[]> a, List<float[]> b) {
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < a.get(i).length; j++) {
                max = Math.max(max, Math.abs(a.get(i)[j] - b.get(i)[j]));
            }
        }
        return max;
    }

    private List<float[]> uninterrupted() {
        try (Student student = Student.create(StudentConfig.tiny(), 7);
                StudentTrainer trainer = new StudentTrainer(student, config)) {
            for (int s = 0; s < STEPS; s++) {
                trainer.step(batch(s));
            }
            return parameters(student);
        }
    }

    /** Trains to {@link #STOP_AT}, checkpoints, and resumes from the checkpoint with or without its moments. */
    private List<float[]> resumed(boolean withMoments, List<Double> learningRates) {
        Path dir = temp.resolve("checkpoint-" + withMoments);
        try (Student student = Student.create(StudentConfig.tiny(), 7);
                StudentTrainer trainer = new StudentTrainer(student, config)) {
            for (int s = 0; s < STOP_AT; s++) {
                trainer.step(batch(s));
            }
            Checkpoints.save(student, trainer.optimizerState(), dir, Map.of("step", trainer.stepCount()));
        }
        OptimizerState saved = Checkpoints.loadOptimizerState(dir).orElseThrow();
        assertThat(saved.step()).isEqualTo(STOP_AT);
        OptimizerState state = withMoments ? saved : OptimizerState.atStep(saved.step(), saved.scheduleStart());
        try (Student student = Checkpoints.load(dir); StudentTrainer trainer = new StudentTrainer(student, config, state)) {
            for (int s = STOP_AT; s < STEPS; s++) {
                TrainStep step = trainer.step(batch(s));
                assertThat(step.step()).isEqualTo(s + 1);
                learningRates.add(step.learningRate());
            }
            return parameters(student);
        }
    }

    @Test
    void aResumedRunEndsWithTheParametersOfAnUninterruptedOne() {
        List<float[]> expected = uninterrupted();
        List<Double> learningRates = new ArrayList<>();
        List<float[]> resumed = resumed(true, learningRates);
        assertThat(maxDifference(expected, resumed)).as("largest parameter difference").isLessThan(1e-6);
        for (int i = 0; i < learningRates.size(); i++) { // the schedule goes on; it does not warm up again
            assertThat(learningRates.get(i)).isEqualTo((double) (float) config.learningRate(STOP_AT + i + 1));
        }
        // the moments matter: fresh ones after a resume give a measurably different run
        assertThat(maxDifference(expected, resumed(false, new ArrayList<>()))).isGreaterThan(1e-4);
    }

    @Test
    void aNewRoundStartsTheScheduleAgainAndKeepsCountingSteps() {
        try (Student student = Student.create(StudentConfig.tiny(), 7);
                StudentTrainer trainer = new StudentTrainer(student, config, OptimizerState.newRound(50))) {
            TrainStep first = trainer.step(batch(0));
            assertThat(first.step()).isEqualTo(51);
            assertThat(first.learningRate()).isEqualTo((double) (float) config.learningRate(1)); // warm-up again
            OptimizerState state = trainer.optimizerState();
            assertThat(state.step()).isEqualTo(51);
            assertThat(state.scheduleStart()).isEqualTo(50);
            assertThat(state.momentUpdates()).isEqualTo(1);
        }
    }

    /** Grad mode is per thread in PyTorch: the update must not depend on which thread loaded the engine. */
    @Test
    void trainsOnAThreadOtherThanTheOneThatLoadedTheEngine() throws Exception {
        DjlEnvironment.engine();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicLong steps = new java.util.concurrent.atomic.AtomicLong();
        Thread other = new Thread(() -> {
            try (Student student = Student.create(StudentConfig.tiny(), 7);
                    StudentTrainer trainer = new StudentTrainer(student, config)) {
                trainer.step(batch(0));
                steps.set(trainer.step(batch(1)).step());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        other.start();
        other.join();
        assertThat(failure.get()).isNull();
        assertThat(steps.get()).isEqualTo(2);
    }

    @Test
    void aCheckpointWithoutOptimizerStateHasNoneToResume() {
        Path dir = temp.resolve("plain");
        try (Student student = Student.create(StudentConfig.tiny(), 7)) {
            Checkpoints.save(student, dir, Map.of());
        }
        assertThat(Checkpoints.loadOptimizerState(dir)).isEmpty();
    }

    @Test
    void aDamagedOptimizerStateIsRefused() throws IOException {
        Path dir = temp.resolve("damaged");
        try (Student student = Student.create(StudentConfig.tiny(), 7);
                StudentTrainer trainer = new StudentTrainer(student, config)) {
            trainer.step(batch(0));
            Checkpoints.save(student, trainer.optimizerState(), dir, Map.of());
        }
        try (RandomAccessFile file = new RandomAccessFile(dir.resolve(Checkpoints.OPTIMIZER_FILE).toFile(), "rw")) {
            file.seek(100);
            file.write(file.read() ^ 0xff);
        }
        assertThat(Files.exists(dir.resolve(Checkpoints.OPTIMIZER_FILE))).isTrue();
        assertThatThrownBy(() -> Checkpoints.loadOptimizerState(dir)).isInstanceOf(InvalidCheckpointException.class)
                .hasMessageContaining("SHA-256");
    }

    /** Two AdamW steps on one small parameter, against the update written out in doubles. */
    @Test
    void adamWUpdateMatchesAHandComputation() {
        double[] w = {1.0, -2.0, 0.5};
        double[][] grads = {{0.3, -0.1, 2.0}, {-0.2, 0.4, 1.0}};
        double lr = 0.01;
        double beta1 = config.beta1();
        double beta2 = config.beta2();
        double wd = config.weightDecay();
        double[] m = new double[3];
        double[] v = new double[3];
        for (int t = 1; t <= grads.length; t++) {
            for (int i = 0; i < 3; i++) {
                double g = grads[t - 1][i];
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                w[i] -= lr * wd * w[i];
                w[i] -= lr * (m[i] / (1 - Math.pow(beta1, t))) / (Math.sqrt(v[i] / (1 - Math.pow(beta2, t))) + 1e-8);
            }
        }
        try (NDManager manager = DjlEnvironment.engine().newBaseManager(ai.djl.Device.cpu())) {
            NDArray weight = manager.create(new float[] {1.0f, -2.0f, 0.5f}, new Shape(3));
            try (AdamW adam = new AdamW(manager, List.of(weight), config, OptimizerState.initial())) {
                for (double[] g : grads) {
                    try (NDManager scope = manager.newSubManager()) {
                        adam.beginStep();
                        NDArray gradient = scope.create(new float[] {(float) g[0], (float) g[1], (float) g[2]});
                        adam.update(scope, 0, weight, gradient, (float) lr, true);
                    }
                }
                float[] actual = weight.toFloatArray();
                for (int i = 0; i < 3; i++) {
                    assertThat((double) actual[i]).as("w[%d]", i).isCloseTo(w[i], within(2e-6));
                }
                assertThat(adam.updates()).isEqualTo(2);
            }
        }
    }
}
