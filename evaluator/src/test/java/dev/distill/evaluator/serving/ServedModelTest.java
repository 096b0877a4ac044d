package dev.distill.evaluator.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distill.model.ChatTurn;
import dev.distill.model.Student;
import dev.distill.model.StudentConfig;
import dev.distill.testing.DistillTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Quarkus test only so that PyTorch loads in the same class loader as the other evaluator tests. */
@QuarkusTest
@WithTestResource(DistillTestResource.class)
class ServedModelTest {

    private static final List<ChatTurn> PROMPT = List.of(ChatTurn.user("2+2?"));

    @Test
    void aRetiredModelStaysOpenUntilItsLastRequestIsDone() {
        ServedModel model = new ServedModel("c1", Student.create(StudentConfig.tiny(), 1));
        assertThat(model.tryAcquire()).isTrue();
        model.release(); // the holder swapped it out: the request still holds it
        assertThat(model.closed()).isFalse();
        assertThat(model.complete(PROMPT, 4, 0, 0).text()).as("still open: it generates").isNotNull();
        model.release(); // the request is done
        assertThat(model.closed()).isTrue();
        assertThatThrownBy(() -> model.complete(PROMPT, 4, 0, 0)).as("the student was closed")
                .isInstanceOf(RuntimeException.class);
        assertThat(model.tryAcquire()).as("a closed model is never handed out again").isFalse();
    }

    @Test
    void streamsPiecesThatAddUpToTheAnswerAndOutlivesASwapUntilTheStreamEnds() {
        ServedModel model = new ServedModel("c1", Student.create(StudentConfig.tiny(), 3));
        ServedModel.Completion whole = model.complete(PROMPT, 40, 0, 0);
        assertThat(model.tryAcquire()).isTrue(); // the stream's lease
        StringBuilder streamed = new StringBuilder();
        List<Boolean> closedDuringStream = new java.util.ArrayList<>();
        ServedModel.Completion completion = model.stream(PROMPT, 40, 0, 0, delta -> {
            if (streamed.isEmpty()) {
                model.release(); // a promotion retires the model after the first piece
            }
            streamed.append(delta);
            closedDuringStream.add(model.closed());
            return true;
        });
        assertThat(closedDuringStream).isNotEmpty().containsOnly(false);
        assertThat(streamed.toString()).isEqualTo(completion.text()).isEqualTo(whole.text());
        assertThat(completion.completionTokens()).isEqualTo(whole.completionTokens());
        assertThat(completion.finishReason()).isEqualTo(whole.finishReason());
        model.release(); // the stream ended
        assertThat(model.closed()).isTrue();
    }

    @Test
    void aReaderThatGoesAwayStopsTheGeneration() {
        ServedModel model = new ServedModel("c1", Student.create(StudentConfig.tiny(), 3));
        try {
            List<String> pieces = new java.util.ArrayList<>();
            ServedModel.Completion stopped = model.stream(PROMPT, 40, 0, 0, delta -> pieces.add(delta) && pieces.size() < 2);
            assertThat(pieces).hasSize(2);
            assertThat(stopped.finishReason()).as("neither stop nor length: the reader stopped it").isNull();
            assertThat(stopped.completionTokens()).isLessThan(model.complete(PROMPT, 40, 0, 0).completionTokens());
        } finally {
            model.release();
        }
    }

    @Test
    void countsPromptTokensAsTheEncodedChatAndGreedyIsRepeatable() {
        ServedModel model = new ServedModel("c1", Student.create(StudentConfig.tiny(), 2));
        try {
            ServedModel.Completion first = model.complete(PROMPT, 6, 0, 1);
            ServedModel.Completion second = model.complete(PROMPT, 6, 0, 2);
            // BOS, USER, 4 bytes, END_OF_TURN, ASSISTANT
            assertThat(first.promptTokens()).isEqualTo(8);
            // an untrained student emits bytes that are not UTF-8; they still count as at most the budget
            assertThat(first.completionTokens()).isBetween(0, 6);
            assertThat(second.text()).as("temperature 0 is greedy: the seed does not matter").isEqualTo(first.text());
            assertThat(model.complete(PROMPT, 6, 1.0, 7).text()).isEqualTo(model.complete(PROMPT, 6, 1.0, 7).text());
        } finally {
            model.release();
        }
    }
}
