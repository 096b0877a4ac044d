package dev.distill.curator.filter;

import dev.distill.curator.config.CuratorConfig;
import java.time.Duration;
import java.util.List;

/** A {@link CuratorConfig} for unit tests of the filters, without Quarkus; the {@code with*} methods change one value. */
public record TestCuratorConfig(int minChars, int maxChars, List<String> refusalPatterns, double numericTolerance,
        double minMeanLogprob) implements CuratorConfig {

    /**
     * The proposed default {@code distill.curator.refusal.patterns}: English, Arabic, French, Spanish, German, Chinese
     * and Russian refusals. Compiled case-insensitive (Unicode).
     */
    public static final List<String> REFUSAL_PATTERNS = List.of(
            // English
            "\\bI(?:['’]m| am) (?:so |very |really |truly )?(?:sorry|afraid)\\b[^.!?\\n]{0,80}?"
                    + "\\b(?:can(?:['’]|no| no)?t|unable|not able|won['’]t|will not|must decline)\\b",
            "\\bI (?:can(?:['’]|no| no)?t|won['’]t|will not|must decline to|have to decline to) (?:help|assist|provide"
                    + "|comply|answer|fulfil|fulfill|support|do that|share|engage|generate|create|write)\\b",
            "\\bI(?:['’]m| am) (?:unable|not able|not allowed|not permitted) to (?:help|assist|provide|comply|answer"
                    + "|fulfil|fulfill|support|do that|share|engage)\\b",
            "\\b(?:I|we) (?:must|have to|need to) (?:respectfully |politely )?(?:decline|refuse)\\b",
            "\\bas an AI(?: language model| assistant)?,? I (?:can(?:['’]|no| no)?t|do not|don['’]t|am not able"
                    + "|am unable)\\b",
            // Arabic
            "(?:لا|لن) (?:أستطيع|يمكنني|بإمكاني|أتمكن من|أقدر على) (?:\\S+ ){0,2}?(?:المساعدة|مساعدتك|مساعدتكم|تقديم"
                    + "|الإجابة|الرد|القيام)",
            "(?:عذر|آسف|أعتذر|معذرة)[^.!؟\\n]{0,60}(?:لا|لن) (?:أستطيع|يمكنني|بإمكاني|أتمكن)",
            // French
            "je ne (?:peux|pourrai|suis pas en mesure de) (?:pas )?(?:vous |t['’])?(?:aider|répondre|fournir|donner"
                    + "|faire|accéder|traiter)",
            "(?:désolée?|navrée?|je regrette)[^.!?\\n]{0,60}(?:je ne (?:peux|pourrai|suis pas)|impossible)",
            // Spanish
            "no (?:puedo|podré|me es posible|estoy en condiciones de) (?:\\S+ ){0,2}?(?:ayudar|ayudarte|ayudarle"
                    + "|ayudarlo|proporcionar|responder|hacer eso|cumplir|asistir)",
            "lo (?:siento|lamento)[^.!?\\n]{0,60}no (?:puedo|podré|es posible)",
            // German
            "(?:ich kann|kann ich) (?:\\S+ ){0,3}?nicht (?:helfen|behilflich|weiterhelfen|beantworten|erfüllen"
                    + "|nachkommen|unterstützen)",
            "(?:es tut mir leid|leider|entschuldigung)[^.!?\\n]{0,80}(?:nicht (?:helfen|behilflich|möglich|beantworten)"
                    + "|kann ich nicht|ist mir nicht möglich)",
            // Chinese
            "(?:抱歉|对不起|對不起|很遗憾|很遺憾)[^。！？\\n]{0,30}(?:无法|無法|不能|不可以)",
            "我(?:无法|無法|不能|不可以)(?:为你|為你|为您|為您|给你|給你)?(?:帮助|幫助|帮忙|幫忙|帮你|幫你|协助|協助|提供|回答"
                    + "|满足|滿足)",
            // Russian
            "(?:извините|прошу прощения|к сожалению|простите)[^.!?\\n]{0,60}(?:не могу|не смогу|не в состоянии)",
            "я не (?:могу|смогу|в состоянии) (?:\\S+ ){0,2}?(?:помочь|ответить|предоставить|выполнить|с этим)");

    /** Length 1..20000, the default refusal patterns, no numeric tolerance, minimum mean logprob -2.5. */
    public static TestCuratorConfig defaults() {
        return new TestCuratorConfig(1, 20_000, REFUSAL_PATTERNS, 0, -2.5);
    }

    public TestCuratorConfig withLength(int min, int max) {
        return new TestCuratorConfig(min, max, refusalPatterns, numericTolerance, minMeanLogprob);
    }

    public TestCuratorConfig withNumericTolerance(double tolerance) {
        return new TestCuratorConfig(minChars, maxChars, refusalPatterns, tolerance, minMeanLogprob);
    }

    public TestCuratorConfig withMinMeanLogprob(double min) {
        return new TestCuratorConfig(minChars, maxChars, refusalPatterns, numericTolerance, min);
    }

    @Override
    public List<String> filters() {
        return List.of();
    }

    @Override
    public int concurrency() {
        return 1;
    }

    @Override
    public Length length() {
        return new LengthValues(minChars, maxChars);
    }

    @Override
    public Refusal refusal() {
        return () -> refusalPatterns;
    }

    @Override
    public Verification verification() {
        return () -> numericTolerance;
    }

    @Override
    public Confidence confidence() {
        return () -> minMeanLogprob;
    }

    @Override
    public NearDedup nearDedup() {
        return new NearDedupValues(0.8, 5, 16, 8, Duration.ofMinutes(30));
    }

    @Override
    public Decontamination decontamination() {
        return new DecontaminationValues(13, Duration.ofSeconds(30));
    }

    private record LengthValues(int minChars, int maxChars) implements Length {
    }

    private record NearDedupValues(double threshold, int shingleWords, int bands, int rows, Duration indexIdle)
            implements NearDedup {
    }

    private record DecontaminationValues(int ngramWords, Duration loadTimeout) implements Decontamination {
    }
}
