package dev.distill.curator.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distill.curator.Responses;
import dev.distill.events.ChatMessage;
import dev.distill.events.TeacherResponseEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A batch is judged as its responses would be one after the other: a stateful filter sees the stored state and the
 * batch's earlier accepted samples, and only samples the whole chain accepted are remembered. The stateful filters
 * here keep their state in memory; the PostgreSQL ones are exercised by PlantedResponsesTest and CuratorReplicasIT.
 */
class BatchedChainTest {

    /** Remembers a key per accepted sample, as exact-dedup does in PostgreSQL. */
    private static final class MemoryDedup implements StatefulFilter {
        private final String name;
        private final Function<TeacherResponseEvent, String> key;
        private final Set<String> stored = new HashSet<>();

        MemoryDedup(String name, Function<TeacherResponseEvent, String> key) {
            this.name = name;
            this.key = key;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Prepared prepare(List<TeacherResponseEvent> samples) {
            return () -> open();
        }

        private Batch open() {
            Set<String> seen = new HashSet<>(stored);
            List<String> added = new ArrayList<>();
            return new Batch() {
                @Override
                public FilterResult check(TeacherResponseEvent sample) {
                    return seen.contains(key.apply(sample)) ? FilterResult.reject("duplicate", name) : FilterResult.accept();
                }

                @Override
                public void accepted(TeacherResponseEvent sample) {
                    seen.add(key.apply(sample));
                    added.add(key.apply(sample));
                }

                @Override
                public void store() {
                    stored.addAll(added);
                }
            };
        }
    }

    private static TeacherResponseEvent response(String question, String completion, String finishReason) {
        TeacherResponseEvent r = Responses.response("v1", completion, finishReason);
        return new TeacherResponseEvent(r.schemaVersion(), r.promptId(), r.campaignId(), r.teacher(),
                List.of(ChatMessage.user(question)), completion, finishReason, r.tokens(), r.usage(), r.costUsd(),
                r.latencyMs(), r.cached(), r.skill(), r.split(), r.reference(), r.createdAt());
    }

    private static List<String> outcomes(List<Verdict> verdicts) {
        return verdicts.stream().map(v -> v.accepted() ? "accepted" : v.filter() + ":" + v.reason()).toList();
    }

    @Test
    void laterSamplesOfABatchAreJudgedAgainstItsEarlierAcceptedOnesAndAgainstEarlierBatches() {
        MemoryDedup byPrompt = new MemoryDedup("prompt-dedup", PromptOf::text);
        FilterChain chain = FilterChain.of(List.of("structure", "truncation", "prompt-dedup"),
                List.of(new StructureFilter(), new TruncationFilter(), byPrompt));

        List<Verdict> first = chain.evaluate(List.of(
                response("What is 3 + 4?", "#### 7", "stop"),
                response("What is 3 + 4?", "#### 7", "stop"), // a duplicate of the first, in the same batch
                response("What is 5 + 2?", "#### 7", "length"), // truncated: rejected before dedup, remembered nowhere
                response("What is 5 + 2?", "#### 7", "stop")));

        assertThat(outcomes(first)).containsExactly("accepted", "prompt-dedup:duplicate", "truncation:truncated",
                "accepted");
        assertThat(byPrompt.stored).containsExactlyInAnyOrder("What is 3 + 4?", "What is 5 + 2?");
        assertThat(outcomes(chain.evaluate(List.of(response("What is 5 + 2?", "#### 7", "stop"),
                response("What is 6 + 1?", "#### 7", "stop"))))).containsExactly("prompt-dedup:duplicate", "accepted");
    }

    @Test
    void aSampleRejectedByALaterStatefulFilterLeavesNoStateInTheEarlierOne() {
        MemoryDedup byPrompt = new MemoryDedup("prompt-dedup", PromptOf::text);
        MemoryDedup byAnswer = new MemoryDedup("answer-dedup", TeacherResponseEvent::completion);
        FilterChain chain = FilterChain.of(List.of("prompt-dedup", "answer-dedup"), List.of(byPrompt, byAnswer));

        List<Verdict> verdicts = chain.evaluate(List.of(
                response("What is 3 + 4?", "#### 7", "stop"),
                response("What is 2 + 2?", "#### 7", "stop"), // passes prompt-dedup, then a duplicate answer
                response("What is 2 + 2?", "#### 4", "stop"))); // so this prompt is new to prompt-dedup

        assertThat(outcomes(verdicts)).containsExactly("accepted", "answer-dedup:duplicate", "accepted");
        assertThat(verdicts.get(2).passed()).containsExactly("prompt-dedup", "answer-dedup");
        assertThat(byPrompt.stored).containsExactlyInAnyOrder("What is 3 + 4?", "What is 2 + 2?");
        assertThat(byAnswer.stored).containsExactlyInAnyOrder("#### 7", "#### 4");
    }

    @Test
    void aSampleFilterAfterAStatefulOneFailsStartup() {
        List<CurationFilter> filters = List.of(new StructureFilter(), new MemoryDedup("prompt-dedup", PromptOf::text));

        assertThatThrownBy(() -> FilterChain.of(List.of("prompt-dedup", "structure"), filters))
                .hasMessageContaining("puts 'structure' after 'prompt-dedup'").hasMessageContaining("must come last");
        assertThat(FilterChain.of(List.of("structure", "prompt-dedup"), filters).names())
                .containsExactly("structure", "prompt-dedup");
    }
}
