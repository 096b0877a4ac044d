package dev.distill.curator.service;

import dev.distill.curator.filter.Verdict;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.curator.Responses;
import dev.distill.events.TeacherResponseEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SampleBuilderTest {

    @Test
    void sampleIdDependsOnPromptAndTeacherVersionOnly() {
        TeacherResponseEvent a = Responses.response("p1", "v1", "#### 7", "stop", null);
        TeacherResponseEvent sameAgain = Responses.response("p1", "v1", "3+4=7\n#### 7", "stop", null);

        assertThat(SampleBuilder.sampleId(a)).isEqualTo(SampleBuilder.sampleId(sameAgain));
        assertThat(SampleBuilder.sampleId(a)).isNotEqualTo(SampleBuilder.sampleId(Responses.response("p1", "v2", "#### 7", "stop", null)));
        assertThat(SampleBuilder.sampleId(a)).isNotEqualTo(SampleBuilder.sampleId(Responses.response("p2", "v1", "#### 7", "stop", null)));
    }

    @Test
    void curatedSampleAppendsTheAnswerAndScoresTheLogprobs() {
        var response = Responses.response("p1", "v1", "#### 7", "stop", null);
        var verdict = Verdict.accept(response, List.of("structure"), Map.of("email", 2));
        var sample = SampleBuilder.curated(response, verdict, Instant.EPOCH);

        assertThat(sample.messages()).hasSize(3);
        assertThat(sample.messages().get(2).content()).isEqualTo("#### 7");
        assertThat(sample.datasetVersion()).isEqualTo("reference@v1");
        assertThat(sample.quality().get("meanLogprob")).isCloseTo(-0.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(sample.quality()).containsEntry("redacted.email", 2.0);
        assertThat(sample.quality()).containsEntry("minLogprob", -0.3)
                .containsEntry("completionTokens", 2.0);
    }
}
