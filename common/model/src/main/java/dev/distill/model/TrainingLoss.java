package dev.distill.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * The training objective on tensors, shared by {@link StudentTrainer} and its tests.
 *
 * <p>With N_ce the number of answer targets and N_kd the number of positions that have a teacher
 * distribution q (already tempered to q_tau, see {@link ByteDistribution#tempered}):
 * <pre>
 *   CE = -(1/N_ce) * sum over answer targets of log softmax(z)[y]
 *   KD =  (1/N_kd) * sum over teacher positions of sum_k q_k * (log q_k - log softmax(z / tau)[id_k])
 *   loss = CE                          (LossConfig kind CE)
 *   loss = alpha * CE + beta * tau^2 * KD   (kind KD; alpha * CE when the batch has no teacher positions)
 * </pre>
 * so at a teacher position dloss/dz = alpha * (softmax(z) - onehot(y)) / N_ce
 * + beta * tau * (softmax(z / tau) - q_tau) / N_kd. The tau^2 keeps the distillation gradient's
 * scale independent of tau (Hinton et al.).
 */
final class TrainingLoss {

    private TrainingLoss() {}

    /** The teacher's sparse targets as (rows, width, k) ids and tempered probabilities, and a (rows, width) mask. */
    record Teacher(NDArray ids, NDArray probs, NDArray mask, int positions) {}

    /** The objective and its parts; {@code distillation} is null when nothing was distilled. */
    record Parts(NDArray total, NDArray crossEntropy, NDArray distillation) {}

    /**
     * @param logits (rows, width, vocab)
     * @param targets (rows, width) next-token ids
     * @param mask (rows, width), 1 on answer targets
     * @param answerTargets N_ce, the number of ones in mask
     * @param teacher the teacher's targets, or null when the batch has none
     */
    static Parts compute(NDArray logits, NDArray targets, NDArray mask, int answerTargets, Teacher teacher,
            LossConfig loss) {
        NDArray ce = crossEntropy(logits, targets, mask, answerTargets);
        if (!loss.distills()) {
            return new Parts(ce, ce, null);
        }
        NDArray weightedCe = ce.mul((float) loss.alpha());
        if (teacher == null || teacher.positions() == 0) {
            return new Parts(weightedCe, ce, null);
        }
        NDArray kd = distillation(logits, teacher, loss.tau());
        NDArray total = weightedCe.add(kd.mul((float) (loss.beta() * loss.tau() * loss.tau())));
        return new Parts(total, ce, kd);
    }

    /**
     * Mean over masked positions of -log softmax(logits)[target]. Written with logSoftmax + gather
     * because SoftmaxCrossEntropyLoss mishandles (B,T) labels when B != T.
     */
    static NDArray crossEntropy(NDArray logits, NDArray targets, NDArray mask, int count) {
        NDArray logProbs = logits.logSoftmax(-1);
        NDArray picked = logProbs.gather(targets.expandDims(-1), -1).squeeze(-1);
        return picked.mul(mask).sum().neg().div(Math.max(1, count));
    }

    /** Mean over teacher positions of KL(q_tau || softmax(z / tau)); padded entries have q = 0 and add nothing. */
    static NDArray distillation(NDArray logits, Teacher teacher, double tau) {
        NDArray logStudent = logits.div((float) tau).logSoftmax(-1).gather(teacher.ids(), -1);
        NDArray q = teacher.probs();
        NDArray qLogQ = q.mul(q.add(q.eq(0).toType(DataType.FLOAT32, false)).log()); // 0 * log 1 where q = 0
        NDArray perPosition = qLogQ.sub(q.mul(logStudent)).sum(new int[] {-1});
        return perPosition.mul(teacher.mask()).sum().div(Math.max(1, teacher.positions()));
    }
}
