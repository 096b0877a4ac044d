package dev.distill.curator;

import dev.distill.events.ChatMessage;
import dev.distill.events.Reference;
import dev.distill.events.TeacherRef;
import dev.distill.events.TeacherResponseEvent;
import dev.distill.events.TokenLogprob;
import dev.distill.events.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A corpus with every kind of response curation must handle, each planted case tagged with what must become of it.
 * Near-duplicates are paraphrases of longer prompts differing by one to three words; the templated word problems
 * differ only in names and numbers and must all be kept.
 */
final class PlantedResponses {

    /** What must happen: curated, or rejected by the filter for the reason. {@code pairOf}: the planted original. */
    record Planted(TeacherResponseEvent response, String expectFilter, String expectReason, String pairOf) {

        boolean expectCurated() {
            return expectFilter == null;
        }
    }

    static final List<String> PII = List.of("jane.doe@example.com", "+1 415 555 0132", "4111 1111 1111 1111",
            "sk-proj-AbCdEfGhIjKlMnOpQrStUvWx1234", "AKIAIOSFODNN7EXAMPLE", "omar.farouk@example.org", "(212) 555-0187");

    static final List<String> BENCHMARK = List.of(
            "What is 48213 + 9931? Show your work and end with the final answer.",
            "A train leaves the station at nine in the morning and travels at sixty kilometres per hour for three hours"
                    + " before it stops. How far has it travelled when it stops?");

    private static final List<String[]> NEAR = List.of(
            new String[] {
                "Explain why the sky appears blue during the day and why it turns red and orange at sunset, using the idea"
                        + " of light scattering by the molecules in the atmosphere.",
                "Explain why the sky looks blue during the day and why it turns red and orange at sunset, using the idea"
                        + " of light scattering by the molecules in the atmosphere." },
            new String[] {
                "Write a short paragraph describing how a bill becomes a law in a parliamentary system, including the"
                        + " readings, the committee stage and the final vote in both chambers.",
                "Write a short paragraph explaining how a bill becomes a law in a parliamentary system, including the"
                        + " readings, the committee stage and the final vote in both houses." },
            new String[] {
                "Summarise the main causes of the French Revolution, focusing on the financial crisis of the monarchy,"
                        + " the social inequality of the estates and the influence of Enlightenment ideas.",
                "Summarise the main causes of the French Revolution, focusing on the financial crisis of the crown, the"
                        + " social inequality of the estates and the influence of Enlightenment ideas." },
            new String[] {
                "Describe the water cycle step by step, from evaporation over the oceans to condensation in clouds,"
                        + " precipitation over land and the return of water to the sea through rivers.",
                "Describe the water cycle step by step, from evaporation over the oceans to condensation in the clouds,"
                        + " precipitation over land and the return of water to the sea through rivers and streams." },
            new String[] {
                "List the differences between a process and a thread in an operating system, covering memory isolation,"
                        + " scheduling, the cost of creating them and how they communicate with each other.",
                "List the differences between a process and a thread in an operating system, covering memory isolation,"
                        + " scheduling, the cost of creating each and how they communicate with one another." },
            new String[] {
                "اشرح لماذا تتغير فصول السنة على الأرض، مع ذكر ميل محور الأرض ودورانها حول الشمس وأثر ذلك على طول"
                        + " النهار ودرجات الحرارة في نصفي الكرة الأرضية.",
                "اشرح لماذا تتغير فصول السنة على الأرض، مع ذكر ميل محور الأرض ودورانها حول الشمس وتأثير ذلك على طول"
                        + " النهار ودرجات الحرارة في نصفي الكرة الأرضية." });

    private static final String[] NAMES = {"Sara", "Omar", "Lena", "Kofi", "Mei", "Ivan"};

    private PlantedResponses() {
    }

    static List<Planted> build(String version) {
        List<Planted> corpus = new ArrayList<>();
        int[] n = {0};
        // correct answers, kept
        for (int i = 0; i < 6; i++) {
            int a = 1000 + 37 * i;
            int b = 2000 + 91 * i;
            corpus.add(keep(resp(version, n, "What is " + a + " + " + b + "?", "#### " + (a + b), "stop", ref(a + b))));
        }
        // templated word problems: only names and numbers differ; all kept (the near-duplicate filter must not merge them)
        for (int i = 0; i < 6; i++) {
            int apples = 12 + 7 * i;
            int more = 3 + 5 * i;
            String q = NAMES[i] + " has " + apples + " apples in a basket at the market and buys " + more
                    + " more from a farmer before going home. How many apples does " + NAMES[i] + " have now?";
            corpus.add(keep(resp(version, n, q, "#### " + (apples + more), "stop", ref(apples + more))));
        }
        // wrong answers, truncations, refusals, low confidence, too long
        corpus.add(reject(resp(version, n, "What is 5123 + 4877?", "5123 + 4877 = 10010\n#### 10010", "stop", ref(10000)),
                "verification", "wrong-answer"));
        corpus.add(reject(resp(version, n, "What is 8001 + 1999?", "#### 99", "stop", ref(10000)), "verification", "wrong-answer"));
        corpus.add(reject(resp(version, n, "What is 300 + 77?", "300 + 7", "length", ref(377)), "truncation", "truncated"));
        corpus.add(reject(resp(version, n, "Tell me about the moon.", "I'm sorry, but I can't help with that.", "stop", null),
                "refusal", "refusal"));
        corpus.add(reject(resp(version, n, "Parle-moi de la lune.", "Je suis désolé, mais je ne peux pas vous aider avec cela.",
                "stop", null), "refusal", "refusal"));
        corpus.add(reject(resp(version, n, "حدثني عن القمر.", "عذراً، لا أستطيع المساعدة في هذا الطلب.", "stop", null),
                "refusal", "refusal"));
        corpus.add(reject(withTokens(resp(version, n, "What is 40 + 2?", "#### 42", "stop", ref(42)), -4.2),
                "confidence", "low-confidence"));
        corpus.add(reject(resp(version, n, "Write a very long essay.", "word ".repeat(4000), "stop", null), "length", "too-long"));
        // exact duplicates of kept prompts (case and spacing differ): one of each pair is curated
        corpus.add(pair(resp(version, n, "what is 1000   +  2000?", "#### 3000", "stop", ref(3000)),
                "exact-dedup", "duplicate", corpus.get(0)));
        corpus.add(pair(resp(version, n, "WHAT IS 1037 + 2091?", "#### 3128", "stop", ref(3128)),
                "exact-dedup", "duplicate", corpus.get(1)));
        // near duplicates: one of each pair is curated
        for (String[] texts : NEAR) {
            Planted original = keep(resp(version, n, texts[0], "An answer.", "stop", null));
            corpus.add(original);
            corpus.add(pair(resp(version, n, texts[1], "Another answer.", "stop", null), "near-dedup", "near-duplicate", original));
        }
        // benchmark prompts, asked as is and inside a longer prompt
        corpus.add(reject(resp(version, n, BENCHMARK.get(0), "#### 58144", "stop", ref(58144)), "decontamination",
                "benchmark-overlap"));
        corpus.add(reject(resp(version, n, "Here is a puzzle for you. " + BENCHMARK.get(1) + " Answer in kilometres.",
                "#### 180", "stop", ref(180)), "decontamination", "benchmark-overlap"));
        // personal data: curated, redacted
        corpus.add(keep(resp(version, n, "What is 250 + 250?", "250 + 250 = 500\nQuestions? Write to " + PII.get(0)
                + " or call " + PII.get(1) + ".\n#### 500", "stop", ref(500))));
        corpus.add(keep(resp(version, n, "My card is " + PII.get(2) + ", what is 60 + 40?", "Use the key " + PII.get(3)
                + " and " + PII.get(4) + " to log in.\n#### 100", "stop", ref(100))));
        corpus.add(keep(resp(version, n, "What is 11 + 22? Reply to " + PII.get(5) + ".", "Call " + PII.get(6)
                + " if unsure.\n#### 33", "stop", ref(33))));
        return corpus;
    }

    private static Reference ref(long answer) {
        return new Reference(Long.toString(answer), "final-answer");
    }

    private static TeacherResponseEvent resp(String version, int[] n, String question, String completion, String finish,
            Reference reference) {
        return new TeacherResponseEvent(TeacherResponseEvent.SCHEMA_VERSION, "planted-" + version + "-" + (n[0]++),
                "c-planted", new TeacherRef("reference", "reference-teacher", version), List.of(ChatMessage.user(question)),
                completion, finish, List.of(new TokenLogprob("####", -0.05, List.of())), new Usage(20, 5), 0.0, 5, false,
                null, "train", reference, Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static TeacherResponseEvent withTokens(TeacherResponseEvent r, double logprob) {
        return new TeacherResponseEvent(r.schemaVersion(), r.promptId(), r.campaignId(), r.teacher(), r.messages(),
                r.completion(), r.finishReason(), List.of(new TokenLogprob("####", logprob, List.of()),
                        new TokenLogprob(" 42", logprob, List.of())), r.usage(), r.costUsd(), r.latencyMs(), r.cached(),
                r.skill(), r.split(), r.reference(), r.createdAt());
    }

    private static Planted keep(TeacherResponseEvent r) {
        return new Planted(r, null, null, null);
    }

    private static Planted reject(TeacherResponseEvent r, String filter, String reason) {
        return new Planted(r, filter, reason, null);
    }

    private static Planted pair(TeacherResponseEvent r, String filter, String reason, Planted original) {
        return new Planted(r, filter, reason, original.response().promptId());
    }
}
