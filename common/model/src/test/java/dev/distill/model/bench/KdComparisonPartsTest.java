package dev.distill.model.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distill.events.TokenLogprob;
import dev.distill.model.ByteTokenizer;
import dev.distill.model.ChatTurn;
import dev.distill.model.EncodedExample;
import dev.distill.model.TeacherTargets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison's pieces that do not need a teacher or libtorch: reply mapping, signal statistics, thresholds. */
class KdComparisonPartsTest {

    @Test
    void mapsTheTeachersLogprobsAsTheGatewayDoes() throws Exception {
        String json = """
                {"content": [
                  {"token": "1", "logprob": -0.1, "bytes": [49],
                   "top_logprobs": [{"token": "1", "logprob": -0.1}, {"token": "7", "logprob": -3.0}]},
                  {"token": "2", "logprob": -0.2}
                ]}""";
        List<TokenLogprob> tokens = ReferenceTeacherClient.tokens(new ObjectMapper().readTree(json));

        assertThat(tokens).containsExactly(
                new TokenLogprob("1", -0.1, List.of(new TokenLogprob.Alternative("1", -0.1),
                        new TokenLogprob.Alternative("7", -3.0))),
                new TokenLogprob("2", -0.2, List.of()));
    }

    @Test
    void signalCountsCoverageAndTheMassOnTheAnswerByte() {
        // "12": '1' has alternatives (0.9 on '1', 0.05 on '3'), '2' has none; the EOS never has one
        List<TokenLogprob> tokens = List.of(
                new TokenLogprob("1", Math.log(0.9), List.of(new TokenLogprob.Alternative("3", Math.log(0.05)))),
                new TokenLogprob("2", Math.log(0.8), List.of()));
        TeacherTargets targets = TeacherTargets.project("12", tokens);
        EncodedExample example = ByteTokenizer.instance()
                .encodeExample(List.of(ChatTurn.user("What is 5 + 7?")), "12").withTeacher(targets);

        TeacherSignal signal = new TeacherSignal();
        signal.record(targets, example);

        assertThat(signal.coverage()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(signal.meanTargetMass()).isCloseTo(0.9 / 0.95, within(1e-6));
        assertThat(signal.summary()).contains("argmaxNotAnswerByte=0");
    }

    @Test
    void stepsToReachIsTheFirstEvaluationAtOrAboveTheThreshold() {
        List<KdComparison.Point> curve = List.of(
                new KdComparison.Point(100, 1, 1, 1, 1, 0.40, 0.55),
                new KdComparison.Point(200, 1, 1, 1, 1, 0.80, 0.79),
                new KdComparison.Point(300, 1, 1, 1, 1, 0.70, 0.91));

        assertThat(KdComparison.stepsToReach(curve, 0.5, false)).isEqualTo(200);
        assertThat(KdComparison.stepsToReach(curve, 0.5, true)).isEqualTo(100);
        assertThat(KdComparison.stepsToReach(curve, 0.8, true)).isEqualTo(300);
        assertThat(KdComparison.stepsToReach(curve, 0.95, false)).isEqualTo(-1);
    }
}
