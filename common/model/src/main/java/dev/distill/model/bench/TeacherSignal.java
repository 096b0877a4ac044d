package dev.distill.model.bench;

import dev.distill.model.ByteDistribution;
import dev.distill.model.EncodedExample;
import dev.distill.model.TeacherTargets;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the teacher's projected distributions give a distilling student beyond the answer text: how many answer
 * targets carry one (coverage) and how peaked they are on the byte the answer actually has there. A distribution
 * that puts nearly all its mass on that byte teaches little that cross-entropy does not.
 */
final class TeacherSignal {

    private final Map<TeacherTargets.Outcome, Long> outcomes = new EnumMap<>(TeacherTargets.Outcome.class);
    private long examples;
    private long answerTargets;
    private long positions;
    private double targetMass;
    private double maxMass;
    private double entropy;
    private long support;
    private long argmaxElsewhere;

    /** Adds an example built with {@link EncodedExample#withTeacher} from {@code targets}. */
    void record(TeacherTargets targets, EncodedExample example) {
        examples++;
        outcomes.merge(targets.outcome(), 1L, Long::sum);
        answerTargets += example.answerTokenCount();
        ByteDistribution[] teacher = example.teacher();
        for (int i = 0; teacher != null && i < teacher.length; i++) {
            ByteDistribution d = teacher[i];
            if (d == null) {
                continue;
            }
            positions++;
            support += d.size();
            double max = 0;
            int argmax = -1;
            for (int j = 0; j < d.size(); j++) {
                double p = d.probs()[j];
                if (p > max) {
                    max = p;
                    argmax = d.ids()[j];
                }
                entropy -= p > 0 ? p * Math.log(p) : 0;
            }
            maxMass += max;
            targetMass += d.probability(example.tokens()[i]);
            argmaxElsewhere += argmax == example.tokens()[i] ? 0 : 1;
        }
    }

    /** Fraction of answer targets (answer bytes and EOS) that have a teacher distribution. */
    double coverage() {
        return answerTargets == 0 ? 0 : (double) positions / answerTargets;
    }

    /** Mean teacher probability of the byte the answer has at a distilled position. */
    double meanTargetMass() {
        return positions == 0 ? Double.NaN : targetMass / positions;
    }

    String summary() {
        double n = Math.max(1, positions);
        return String.format("examples=%d projection=%s answerTargets=%d teacherPositions=%d coverage=%.3f "
                        + "meanSupport=%.2f meanP(answerByte)=%.3f meanMaxP=%.3f meanEntropy=%.3f nats "
                        + "argmaxNotAnswerByte=%d", examples, outcomes, answerTargets, positions, coverage(),
                support / n, targetMass / n, maxMass / n, entropy / n, argmaxElsewhere);
    }
}
