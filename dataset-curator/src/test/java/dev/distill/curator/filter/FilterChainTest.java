package dev.distill.curator.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distill.curator.Responses;
import dev.distill.events.Reference;
import dev.distill.events.TeacherResponseEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterChainTest {

    private static final List<SampleFilter> ALL =
            List.of(new VerificationFilter(TestCuratorConfig.defaults()), new StructureFilter(), new TruncationFilter());

    private static Verdict run(List<String> names, TeacherResponseEvent response) {
        return FilterChain.of(names, ALL).evaluate(response);
    }

    @Test
    void runsTheConfiguredFiltersInOrderAndTheFirstRejectionDecides() {
        TeacherResponseEvent truncatedAndWrong = Responses.response("v1", "#### 8", "length");

        assertThat(run(List.of("structure", "truncation", "verification"), truncatedAndWrong).reason()).isEqualTo("truncated");
        assertThat(run(List.of("verification", "truncation"), truncatedAndWrong).reason()).isEqualTo("wrong-answer");
        assertThat(run(List.of("structure"), truncatedAndWrong).accepted()).isTrue(); // the others are off
        assertThat(FilterChain.of(List.of(" truncation ", "structure"), ALL).names()).containsExactly("truncation", "structure");
    }

    @Test
    void anUnknownFilterNameFailsInsteadOfSilentlyCuratingLess() {
        assertThatThrownBy(() -> FilterChain.of(List.of("structure", "minhash"), ALL))
                .hasMessageContaining("unknown filter 'minhash'");
    }

    @Test
    void verificationDistinguishesMissingAndWrongAnswersAndPassesWithoutReference() {
        VerificationFilter verification = new VerificationFilter(TestCuratorConfig.defaults());

        assertThat(verification.apply(Responses.response("v1", "3 + 4 = 7\n#### 7", "stop")).accepted()).isTrue();
        assertThat(verification.apply(Responses.response("v1", "#### 7.0", "stop")).accepted()).isTrue();
        FilterResult missing = verification.apply(Responses.response("v1", "it is 7", "stop"));
        assertThat(missing.reason()).isEqualTo("no-final-answer");
        FilterResult wrong = verification.apply(Responses.response("v1", "#### 1,234", "stop"));
        assertThat(wrong.reason()).isEqualTo("wrong-answer");
        assertThat(wrong.detail()).isEqualTo("expected 7, got 1,234");
        assertThat(verification.apply(Responses.response("p", "v1", "no marker at all", "stop", null)).accepted()).isTrue();
    }

    @Test
    void verificationOfAnUnknownSkillUsesTheGenericFinalAnswerCheck() {
        TeacherResponseEvent base = Responses.response("p", "v1", "#### Paris", "stop", new Reference("Paris", "final-answer"));
        TeacherResponseEvent capitals = new TeacherResponseEvent(1, base.promptId(), base.campaignId(), base.teacher(),
                base.messages(), base.completion(), base.finishReason(), base.tokens(), base.usage(), 0, 0, false,
                "capitals", "eval", base.reference(), base.createdAt());

        assertThat(new VerificationFilter(TestCuratorConfig.defaults()).apply(capitals).accepted()).isTrue();
    }

    @Test
    void structureRejectsEmptyAndTruncationOnlyLength() {
        assertThat(new StructureFilter().apply(Responses.response("v1", "  ", "stop")).reason()).isEqualTo("empty");
        assertThat(new StructureFilter().apply(Responses.response("v1", "#### 7", "stop")).accepted()).isTrue();
        assertThat(new TruncationFilter().apply(Responses.response("v1", "#### 7", "stop")).accepted()).isTrue();
        assertThat(new TruncationFilter().apply(Responses.response("v1", "#### 7", "length")).reason()).isEqualTo("truncated");
    }
}
