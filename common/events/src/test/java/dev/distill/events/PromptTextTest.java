package dev.distill.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromptTextTest {

    @Test
    void caseWidthAndWhitespaceDoNotMakeAnotherPrompt() {
        String a = PromptText.hash(List.of(ChatMessage.user("What is 2 + 2?")));
        assertThat(PromptText.hash(List.of(ChatMessage.user("  what IS 2 +\t 2? ")))).isEqualTo(a);
        assertThat(PromptText.hash(List.of(ChatMessage.user("Ｗｈａｔ is 2 + 2?")))).as("full-width letters, NFKC").isEqualTo(a);
        assertThat(PromptText.hash(List.of(ChatMessage.user("What is 2 + 3?")))).isNotEqualTo(a);
        assertThat(PromptText.hash(List.of(new ChatMessage("system", "What is 2 + 2?")))).as("the role counts").isNotEqualTo(a);
        assertThat(PromptText.hash(List.of(ChatMessage.user("What is"), ChatMessage.user("2 + 2?"))))
                .as("message boundaries count").isNotEqualTo(a);
        assertThat(PromptText.normalize("  كم   يساوي ٣ + ٤؟ ")).isEqualTo("كم يساوي ٣ + ٤؟");
    }
}
