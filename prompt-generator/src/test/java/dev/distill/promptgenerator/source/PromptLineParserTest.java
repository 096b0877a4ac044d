package dev.distill.promptgenerator.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distill.events.ChatMessage;
import dev.distill.events.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromptLineParserTest {

    private final PromptLineParser parser = new PromptLineParser();

    private void assertRejected(String json, String reason) {
        assertThatThrownBy(() -> parser.parse(json))
                .isInstanceOf(InvalidLineException.class)
                .hasMessage(reason);
    }

    @Test
    void promptOnlyBecomesOneUserMessage() {
        PromptLine line = parser.parse("{\"prompt\": \"What is 2 + 3?\"}");
        assertThat(line.messages()).containsExactly(ChatMessage.user("What is 2 + 3?"));
        assertThat(line.reference()).isNull();
        assertThat(line.skill()).isNull();
    }

    @Test
    void arabicPromptIsKeptAsIs() {
        PromptLine line = parser.parse("{\"prompt\": \"ما هو ناتج ٢ + ٣؟\", \"reference\": \"٥\"}");
        assertThat(line.messages()).containsExactly(ChatMessage.user("ما هو ناتج ٢ + ٣؟"));
        assertThat(line.reference()).isEqualTo(new Reference("٥", "final-answer"));
    }

    @Test
    void referenceDefaultsToTheFinalAnswerVerifier() {
        PromptLine line = parser.parse("{\"prompt\": \"2+3?\", \"reference\": \"5\"}");
        assertThat(line.reference()).isEqualTo(new Reference("5", "final-answer"));
    }

    @Test
    void referenceKeepsAGivenVerifierAndSkill() {
        PromptLine line = parser.parse(
                "{\"prompt\": \"Say hi\", \"reference\": \"hi\", \"verifier\": \"exact\", \"skill\": \"greeting\"}");
        assertThat(line.reference()).isEqualTo(new Reference("hi", "exact"));
        assertThat(line.skill()).isEqualTo("greeting");
    }

    @Test
    void numericReferenceIsKeptAsText() {
        assertThat(parser.parse("{\"prompt\": \"6*7?\", \"reference\": 42}").reference().answer()).isEqualTo("42");
        assertThat(parser.parse("{\"prompt\": \"5/2?\", \"reference\": 2.5}").reference().answer()).isEqualTo("2.5");
    }

    @Test
    void regexReferenceMustCompile() {
        PromptLine line = parser.parse("{\"prompt\": \"Name a year\", \"reference\": \"\\\\d{4}\", \"verifier\": \"regex\"}");
        assertThat(line.reference()).isEqualTo(new Reference("\\d{4}", "regex"));
        assertThatThrownBy(() -> parser.parse("{\"prompt\": \"p\", \"reference\": \"(unclosed\", \"verifier\": \"regex\"}"))
                .isInstanceOf(InvalidLineException.class)
                .hasMessageStartingWith("reference is not a valid regex: ");
    }

    @Test
    void chatMessagesAreKeptInOrder() {
        PromptLine line = parser.parse("{\"messages\": ["
                + "{\"role\": \"system\", \"content\": \"Be brief.\"},"
                + "{\"role\": \"user\", \"content\": \"Hi\"},"
                + "{\"role\": \"assistant\", \"content\": \"Hello\"},"
                + "{\"role\": \"user\", \"content\": \"2+2?\"}]}");
        assertThat(line.messages()).containsExactly(
                new ChatMessage("system", "Be brief."),
                ChatMessage.user("Hi"),
                ChatMessage.assistant("Hello"),
                ChatMessage.user("2+2?"));
    }

    @Test
    void finalAssistantAnswerOfAFineTuningLineIsDropped() {
        PromptLine line = parser.parse("{\"messages\": ["
                + "{\"role\": \"user\", \"content\": \"2+2?\"},"
                + "{\"role\": \"assistant\", \"content\": \"4\"}], \"reference\": \"4\"}");
        assertThat(line.messages()).containsExactly(ChatMessage.user("2+2?"));
        assertThat(line.reference()).isEqualTo(new Reference("4", "final-answer"));
    }

    @Test
    void messagesAreImmutable() {
        PromptLine line = parser.parse("{\"prompt\": \"p\"}");
        assertThatThrownBy(() -> line.messages().add(ChatMessage.user("more")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unknownFieldsAreIgnored() {
        PromptLine line = parser.parse("{\"prompt\": \"p\", \"id\": 7, \"meta\": {\"source\": \"x\"}}");
        assertThat(line.messages()).containsExactly(ChatMessage.user("p"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "[1, 2]                                              | not a JSON object",
        "\"just text\"                                       | not a JSON object",
        "null                                                | not a JSON object",
        "{}                                                  | missing \"prompt\" or \"messages\"",
        "{\"prompt\": null}                                  | missing \"prompt\" or \"messages\"",
        "{\"prompt\": \"a\", \"messages\": []}               | has both \"prompt\" and \"messages\"; use one",
        "{\"prompt\": 5}                                     | prompt must be a string",
        "{\"prompt\": \"  \"}                                | prompt must not be blank",
        "{\"messages\": {}}                                  | messages must be an array",
        "{\"messages\": []}                                  | messages must not be empty",
        "{\"messages\": [\"hi\"]}                            | messages[0] must be an object",
        "{\"messages\": [{\"role\": \"bot\", \"content\": \"x\"}]} | messages[0].role must be system, user or assistant",
        "{\"messages\": [{\"content\": \"x\"}]}              | messages[0].role must be system, user or assistant",
        "{\"messages\": [{\"role\": \"user\"}]}              | messages[0].content is missing",
        "{\"messages\": [{\"role\": \"user\", \"content\": 3}]} | messages[0].content must be a string",
        "{\"messages\": [{\"role\": \"user\", \"content\": \"\"}]} | messages[0].content must not be blank",
        "{\"messages\": [{\"role\": \"system\", \"content\": \"s\"}]} | messages must end with a user message (a final assistant answer is dropped)",
        "{\"messages\": [{\"role\": \"assistant\", \"content\": \"a\"}]} | messages must end with a user message (a final assistant answer is dropped)",
        "{\"messages\": [{\"role\": \"user\", \"content\": \"u\"}, {\"role\": \"assistant\", \"content\": \"a\"}, {\"role\": \"assistant\", \"content\": \"b\"}]} | messages must end with a user message (a final assistant answer is dropped)",
        "{\"prompt\": \"p\", \"reference\": true}            | reference must be a string or a number",
        "{\"prompt\": \"p\", \"reference\": [\"a\"]}         | reference must be a string or a number",
        "{\"prompt\": \"p\", \"reference\": \" \"}           | reference must not be blank",
        "{\"prompt\": \"p\", \"reference\": \"a\", \"verifier\": \"fuzzy\"} | verifier must be one of final-answer, exact, regex",
        "{\"prompt\": \"p\", \"reference\": \"a\", \"verifier\": 1} | verifier must be one of final-answer, exact, regex",
        "{\"prompt\": \"p\", \"verifier\": \"exact\"}        | \"verifier\" is given without a \"reference\"",
        "{\"prompt\": \"p\", \"skill\": 3}                   | skill must be a non-blank string",
        "{\"prompt\": \"p\", \"skill\": \"\"}                | skill must be a non-blank string",
    })
    void rejectsWithAReason(String json, String reason) {
        assertRejected(json.strip(), reason.strip());
    }

    @Test
    void messageIndexNamesTheBadMessage() {
        assertRejected("{\"messages\": [{\"role\": \"system\", \"content\": \"s\"}, {\"role\": \"user\", \"content\": \"u\"},"
                + " {\"role\": \"tool\", \"content\": \"t\"}]}", "messages[2].role must be system, user or assistant");
    }

    @Test
    void rejectsInvalidJsonWithJacksonsReason() {
        assertThatThrownBy(() -> parser.parse("{\"prompt\": \"unterminated"))
                .isInstanceOf(InvalidLineException.class)
                .hasMessageStartingWith("invalid JSON: ")
                .hasMessageNotContaining("line: 1");
        assertThatThrownBy(() -> parser.parse("{\"prompt\": \"a\"} {\"prompt\": \"b\"}"))
                .isInstanceOf(InvalidLineException.class)
                .hasMessageStartingWith("invalid JSON: ");
    }

    @Test
    void contentIsLimitedTo32768Characters() {
        String longest = "a".repeat(32_768);
        assertThat(parser.parse("{\"prompt\": \"" + longest + "\"}").messages().get(0).content()).hasSize(32_768);
        assertRejected("{\"prompt\": \"" + longest + "b\"}", "prompt is longer than 32768 characters");
        assertRejected("{\"messages\": [{\"role\": \"user\", \"content\": \"" + longest + "b\"}]}",
                "messages[0].content is longer than 32768 characters");
    }

    @Test
    void skillIsLimitedTo64Characters() {
        String longest = "s".repeat(64);
        assertThat(parser.parse("{\"prompt\": \"p\", \"skill\": \"" + longest + "\"}").skill()).isEqualTo(longest);
        assertRejected("{\"prompt\": \"p\", \"skill\": \"" + longest + "s\"}", "skill is longer than 64 characters");
    }
}
