package dev.distill.curator.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.events.ChatMessage;
import dev.distill.events.Reference;
import dev.distill.events.TeacherRef;
import dev.distill.events.TeacherResponseEvent;
import dev.distill.events.TokenLogprob;
import dev.distill.events.Usage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The filters that look at one response alone: length, refusal, confidence, verification and PII redaction. */
class StatelessFiltersTest {

    private static final TestCuratorConfig CONFIG = TestCuratorConfig.defaults();
    private static final List<ChatMessage> PROMPT = List.of(
            new ChatMessage("system", "End with '#### <answer>'."), ChatMessage.user("What is 3 + 4?"));
    private static final List<TokenLogprob> TOKENS = List.of(
            new TokenLogprob("####", -0.1, List.of()), new TokenLogprob(" 7", -0.3, List.of()));

    private static TeacherResponseEvent response(String completion) {
        return response(PROMPT, completion, TOKENS, null, new Reference("7", "final-answer"));
    }

    private static TeacherResponseEvent response(List<ChatMessage> messages, String completion,
            List<TokenLogprob> tokens, String skill, Reference reference) {
        return new TeacherResponseEvent(TeacherResponseEvent.SCHEMA_VERSION, "p-1", "c-test",
                new TeacherRef("reference", "reference-teacher", "v1"), messages, completion, "stop", tokens,
                new Usage(20, 2), 0.001, 5, false, skill, "train", reference, Instant.parse("2025-01-01T00:00:00Z"));
    }

    private static TeacherResponseEvent withReference(String completion, String answer, String verifier) {
        return response(PROMPT, completion, TOKENS, null, new Reference(answer, verifier));
    }

    // ---------------------------------------------------------------- length

    @Test
    void lengthRejectsTooShortAndTooLongCountingCharacters() {
        LengthFilter length = new LengthFilter(CONFIG.withLength(5, 10));

        assertThat(length.name()).isEqualTo("length");
        assertThat(length.apply(response("####")).reason()).isEqualTo("too-short");
        assertThat(length.apply(response("#### ")).accepted()).isTrue(); // the bounds are inclusive
        assertThat(length.apply(response("#### 7")).accepted()).isTrue();
        FilterResult longOne = length.apply(response("3 + 4 = 7\n#### 7"));
        assertThat(longOne.reason()).isEqualTo("too-long");
        assertThat(longOne.detail()).contains("16").contains("10");
        assertThat(length.apply(response("#### ٧٧٧٧٧")).accepted()).isTrue(); // 10 characters, in Arabic digits
        assertThat(length.apply(response("#### 😀😀😀😀😀")).accepted()).isTrue(); // code points, not UTF-16 units
        assertThat(length.apply(response("abcd")).detail()).contains("4").contains("5");
    }

    // ---------------------------------------------------------------- refusal

    @Test
    void refusalCatchesTheReferenceTeachersRefusalAndRefusalsInSevenLanguages() {
        RefusalFilter refusal = new RefusalFilter(CONFIG);
        List<String> refusals = List.of(
                "I'm sorry, but I can't help with that.",
                "I am sorry, but I cannot provide that information.",
                "I’m afraid I won’t be able to do that.",
                "I can't assist with that request.",
                "I'm unable to help with this.",
                "I must respectfully decline.",
                "As an AI language model, I cannot browse the internet.",
                "عذرًا، لا أستطيع المساعدة في ذلك.",
                "آسف، لا يمكنني مساعدتك في هذا الطلب.",
                "Je suis désolé, mais je ne peux pas vous aider avec cela.",
                "Je ne suis pas en mesure de répondre à cette question.",
                "Lo siento, pero no puedo ayudar con eso.",
                "No puedo ayudarte con esa solicitud.",
                "Es tut mir leid, aber dabei kann ich nicht helfen.",
                "Ich kann Ihnen dabei leider nicht helfen.",
                "抱歉，我无法帮助你完成这个请求。",
                "我不能回答这个问题。",
                "Извините, но я не могу помочь с этим.",
                "К сожалению, я не могу ответить на этот вопрос.");

        assertThat(refusal.name()).isEqualTo("refusal");
        for (String text : refusals) {
            FilterResult result = refusal.apply(response(text));
            assertThat(result.reason()).as(text).isEqualTo("refusal");
            assertThat(result.detail()).as(text).startsWith("the completion matches the refusal pattern ");
        }
    }

    @Test
    void refusalPassesAnswersAndApologiesThatStillAnswer() {
        RefusalFilter refusal = new RefusalFilter(CONFIG);
        List<String> answers = List.of(
                "3 + 4 = 7\n#### 7",
                "I'm sorry, but I can't help noticing this is easy: 3 + 4 = 7\n#### 7",
                "I can see that 3 + 4 = 7. The answer is 7.",
                "Leider ist die Antwort nicht 8, sondern 7.",
                "حسب الجمع: 3 + 4 = 7",
                "我可以帮助你：3 + 4 = 7",
                "Я могу помочь: 3 + 4 = 7",
                "No, the sum is not 8; it is 7.",
                "smallest of 6 2 is 2; sorted: 1 1 2\n#### 1 1 2 6");
        for (String text : answers) {
            assertThat(refusal.apply(response(text)).accepted()).as(text).isTrue();
        }
        assertThat(TestCuratorConfig.REFUSAL_PATTERNS).hasSizeGreaterThanOrEqualTo(12);
    }

    @Test
    void refusalPatternsComeFromTheConfig() {
        RefusalFilter custom = new RefusalFilter(new TestCuratorConfig(1, 100, List.of("computer says no"), 0, -9));

        assertThat(custom.apply(response("COMPUTER SAYS NO")).detail()).endsWith("computer says no");
        assertThat(custom.apply(response("I'm sorry, but I can't help with that.")).accepted()).isTrue();
    }

    // ---------------------------------------------------------------- confidence

    @Test
    void confidenceRejectsALowMeanLogprobAndPassesWithoutTokens() {
        ConfidenceFilter confidence = new ConfidenceFilter(CONFIG.withMinMeanLogprob(-1.0));
        List<TokenLogprob> unsure = List.of(new TokenLogprob("####", -0.5, List.of()),
                new TokenLogprob(" 8", -2.0, List.of()));

        assertThat(confidence.name()).isEqualTo("confidence");
        assertThat(confidence.apply(response("#### 7")).accepted()).isTrue(); // mean -0.2
        FilterResult low = confidence.apply(response(PROMPT, "#### 8", unsure, null, null));
        assertThat(low.reason()).isEqualTo("low-confidence");
        assertThat(low.detail()).contains("-1.2500").contains("-1.0000");
        assertThat(confidence.apply(response(PROMPT, "#### 8", List.of(), null, null)).accepted()).isTrue();
        List<TokenLogprob> exactlyAtTheMinimum = List.of(new TokenLogprob("x", -1.0, List.of()));
        assertThat(confidence.apply(response(PROMPT, "x", exactlyAtTheMinimum, null, null)).accepted()).isTrue();
    }

    // ---------------------------------------------------------------- verification

    @Test
    void verificationKeepsFinalAnswerAndSkillBehaviour() {
        VerificationFilter verification = new VerificationFilter(CONFIG);

        assertThat(verification.apply(response("3 + 4 = 7\n#### 7")).accepted()).isTrue();
        assertThat(verification.apply(response("#### 7.0")).accepted()).isTrue();
        assertThat(verification.apply(response("it is 7")).reason()).isEqualTo("no-final-answer");
        FilterResult wrong = verification.apply(response("#### 1,234"));
        assertThat(wrong.reason()).isEqualTo("wrong-answer");
        assertThat(wrong.detail()).isEqualTo("expected 7, got 1,234");
        assertThat(verification.apply(response(PROMPT, "no marker", TOKENS, null, null)).accepted()).isTrue();
        // a skill compares its own way: sorting accepts a comma-separated list
        List<ChatMessage> sortPrompt = List.of(ChatMessage.user("Sort in ascending order: 5 2 9 1"));
        assertThat(verification.apply(response(sortPrompt, "#### 1, 2, 5, 9", TOKENS, "sorting",
                new Reference("1 2 5 9", "final-answer"))).accepted()).isTrue();
    }

    @Test
    void verificationFinalAnswerWithNumericTolerance() {
        VerificationFilter exactNumbers = new VerificationFilter(CONFIG);
        VerificationFilter tolerant = new VerificationFilter(CONFIG.withNumericTolerance(0.01));

        assertThat(exactNumbers.apply(withReference("#### 3.1416", "3.14159", "final-answer")).reason())
                .isEqualTo("wrong-answer");
        assertThat(tolerant.apply(withReference("#### 3.1416", "3.14159", "final-answer")).accepted()).isTrue();
        // relative to the reference: 1% of 1000 is 10
        assertThat(tolerant.apply(withReference("#### 1,009.5", "1000", "final-answer")).accepted()).isTrue();
        assertThat(tolerant.apply(withReference("#### 1011", "1000", "final-answer")).reason()).isEqualTo("wrong-answer");
        // and at least absolute: 1% of max(1, |0.001|) is 0.01
        assertThat(tolerant.apply(withReference("#### 0.009", "0.001", "final-answer")).accepted()).isTrue();
        assertThat(tolerant.apply(withReference("#### 0.02", "0.001", "final-answer")).reason()).isEqualTo("wrong-answer");
        assertThat(tolerant.apply(withReference("#### -99.5", "-100", "final-answer")).accepted()).isTrue();
        assertThat(tolerant.apply(withReference("#### seven", "7", "final-answer")).reason()).isEqualTo("wrong-answer");
    }

    @Test
    void verificationExactComparesTrimmedTextWithCollapsedWhitespace() {
        VerificationFilter verification = new VerificationFilter(CONFIG);

        assertThat(verification.apply(withReference("The capital is\n#### Paris  de  France ", "Paris de France",
                "exact")).accepted()).isTrue();
        assertThat(verification.apply(withReference("  Paris\n\tde France\n", "Paris de France", "exact"))
                .accepted()).isTrue(); // no #### line: the whole completion
        assertThat(verification.apply(withReference("#### paris de france", "Paris de France", "exact")).reason())
                .isEqualTo("wrong-answer");
        assertThat(verification.apply(withReference("#### 7.0", "7", "exact")).reason()).isEqualTo("wrong-answer");
    }

    @Test
    void verificationRegexFindsTheReferenceInTheAnswer() {
        VerificationFilter verification = new VerificationFilter(CONFIG);

        assertThat(verification.apply(withReference("so\n#### x = 42", "^x\\s*=\\s*42$", "regex")).accepted()).isTrue();
        assertThat(verification.apply(withReference("the answer is 42, surely", "\\b42\\b", "regex")).accepted())
                .isTrue(); // no #### line: the whole completion
        FilterResult wrong = verification.apply(withReference("#### 43", "\\b42\\b", "regex"));
        assertThat(wrong.reason()).isEqualTo("wrong-answer");
        assertThat(wrong.detail()).contains("\\b42\\b").contains("43");
        assertThat(verification.apply(withReference("#### 42", "(42", "regex")).reason()).isEqualTo("bad-reference");
    }

    @Test
    void verificationRejectsAnUnknownVerifier() {
        FilterResult result = new VerificationFilter(CONFIG).apply(withReference("#### 7", "7", "llm-judge"));

        assertThat(result.reason()).isEqualTo("unknown-verifier");
        assertThat(result.detail()).contains("llm-judge").contains("final-answer, exact, regex");
    }

    // ---------------------------------------------------------------- PII

    @Test
    void piiRedactionModifiesMessagesAndCompletionAndDropsTheTokens() {
        PiiRedactionFilter pii = new PiiRedactionFilter();
        List<ChatMessage> messages = List.of(new ChatMessage("system", "End with '#### <answer>'."),
                ChatMessage.user("I am bob@example.org. What is 3 + 4?"));
        TeacherResponseEvent original = response(messages,
                "3 + 4 = 7\n" + PiiRedactorTest.CONTACT_LINE + "\n#### 7", TOKENS, "addition",
                new Reference("7", "final-answer"));

        FilterResult result = pii.apply(original);

        assertThat(pii.name()).isEqualTo("pii");
        assertThat(result.outcome()).isEqualTo(FilterResult.Outcome.MODIFY);
        assertThat(result.accepted()).isTrue();
        assertThat(result.changes()).isEqualTo(Map.of("email", 2, "phone", 1));
        TeacherResponseEvent redacted = result.modified();
        assertThat(redacted.completion()).isEqualTo("3 + 4 = 7\nQuestions? Write to [EMAIL] or call [PHONE].\n#### 7");
        assertThat(redacted.messages()).containsExactly(messages.get(0),
                ChatMessage.user("I am [EMAIL]. What is 3 + 4?"));
        assertThat(redacted.tokens()).isEmpty();
        // everything else is copied
        assertThat(redacted).usingRecursiveComparison().ignoringFields("messages", "completion", "tokens")
                .isEqualTo(original);
    }

    @Test
    void piiRedactionAcceptsAResponseWithNothingToRedact() {
        FilterResult result = new PiiRedactionFilter().apply(response("3 + 4 = 7\n#### 7"));

        assertThat(result.outcome()).isEqualTo(FilterResult.Outcome.ACCEPT);
        assertThat(result.modified()).isNull();
    }
}
