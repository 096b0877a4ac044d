package dev.distill.evaluator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuiteFileParserTest {

    private final SuiteFileParser parser = new SuiteFileParser(200, 5);

    @Test
    void readsPromptsWithDefaultsAndKeepsLineNumbersAcrossBlankLines() {
        List<EvalSuite.Item> items = parser.parse("\uFEFF{\"prompt\":\"2+2?\",\"reference\":4}\r\n\n"
                + "{\"prompt\":\"Capital of France?\",\"reference\":\"Paris\",\"verifier\":\"exact\",\"skill\":\"geo\","
                + "\"extra\":true}\n");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).promptId()).isEqualTo("line-1");
        assertThat(items.get(0).skill()).isEqualTo("custom");
        assertThat(items.get(0).check()).isEqualTo(ReferenceCheck.of("4", "final-answer"));
        assertThat(items.get(1).promptId()).isEqualTo("line-3");
        assertThat(items.get(1).skill()).isEqualTo("geo");
        assertThat(((ReferenceCheck) items.get(1).check()).verifier()).isEqualTo("exact");
    }

    @Test
    void everyInvalidLineIsReportedWithItsNumber() {
        String file = String.join("\n",
                "{\"prompt\":\"ok\",\"reference\":\"1\"}",
                "not json",
                "{\"prompt\":\"no reference\"}",
                "{\"prompt\":\"x\",\"reference\":\"1\",\"verifier\":\"fuzzy\"}",
                "",
                "{\"prompt\":\"x\",\"reference\":\"(\",\"verifier\":\"regex\"}",
                "{\"prompt\":\"" + "y".repeat(300) + "\",\"reference\":\"1\"}",
                "[1,2]",
                "{\"prompt\":\"  \",\"reference\":\"1\",\"skill\":\"s\"}");

        InvalidSuiteException e = catchThrowableOfType(() -> new SuiteFileParser(200, 20).parse(file),
                InvalidSuiteException.class);

        assertThat(e.lines()).extracting(InvalidSuiteException.LineError::line).containsExactly(2L, 3L, 4L, 6L, 7L, 8L, 9L);
        assertThat(e.lines()).extracting(InvalidSuiteException.LineError::reason).containsExactly(
                e.lines().get(0).reason(), "missing \"reference\"", "verifier must be one of final-answer, exact, regex",
                e.lines().get(3).reason(), "line is longer than 200 characters", "not a JSON object",
                "prompt must not be blank");
        assertThat(e.lines().get(0).reason()).startsWith("invalid JSON");
        assertThat(e.lines().get(3).reason()).startsWith("reference is not a valid regex");
        assertThat(e.getMessage()).isEqualTo("7 invalid lines; nothing was stored");
    }

    @Test
    void tooManyPromptsOrNoneAreRejected() {
        String line = "{\"prompt\":\"p\",\"reference\":\"1\"}\n";
        InvalidSuiteException tooMany = catchThrowableOfType(() -> parser.parse(line.repeat(6)), InvalidSuiteException.class);
        assertThat(tooMany.lines()).containsExactly(new InvalidSuiteException.LineError(6, "a suite has at most 5 prompts"));
        InvalidSuiteException empty = catchThrowableOfType(() -> parser.parse("\n \n"), InvalidSuiteException.class);
        assertThat(empty.getMessage()).isEqualTo("the suite has no prompts");
    }
}
