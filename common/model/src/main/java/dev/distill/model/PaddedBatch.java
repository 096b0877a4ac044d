package dev.distill.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A batch as flat arrays: inputs/targets (rows x width), right-padded, with the target mask, and
 * the teacher's sparse targets when the loss distils.
 *
 * <p>Long examples: inputs are limited to maxSeqLen positions, so an example longer than maxSeqLen
 * + 1 tokens is truncated from the left (its prompt start is dropped), matching how generation
 * truncates context. Its teacher distributions are cut with it, so they stay on their bytes.
 *
 * @param teacher null when the loss is cross-entropy only or no example has teacher distributions
 */
record PaddedBatch(long[] inputs, long[] targets, float[] mask, int rows, int width, int trainedTokens,
        int truncated, TeacherBatch teacher) {

    /**
     * Teacher targets for position (r, i), the prediction of token i + 1 of row r, at flat index
     * r * width + i: {@code k} ids and probabilities (tempered to tau) from offset (r * width + i) * k,
     * padded with id 0 and probability 0; mask 1 where the position has a distribution.
     */
    record TeacherBatch(long[] ids, float[] probs, float[] mask, int k, int positions) {}

    static PaddedBatch of(List<EncodedExample> batch, StudentConfig config, LossConfig loss) {
        if (batch == null || batch.isEmpty()) {
            throw new IllegalArgumentException("batch must not be empty");
        }
        int maxTokens = config.maxSeqLen() + 1;
        int truncated = 0;
        List<EncodedExample> fitted = new ArrayList<>(batch.size());
        for (EncodedExample e : batch) {
            if (e.length() > maxTokens) {
                truncated++;
                e = leftTruncated(e, e.length() - maxTokens);
            }
            fitted.add(e);
        }
        int rows = fitted.size();
        int width = 0;
        for (EncodedExample e : fitted) {
            width = Math.max(width, e.length() - 1);
        }
        long[] inputs = new long[rows * width];
        long[] targets = new long[rows * width];
        float[] mask = new float[rows * width];
        Arrays.fill(inputs, ByteTokenizer.PAD);
        int trained = 0;
        for (int r = 0; r < rows; r++) {
            EncodedExample e = fitted.get(r);
            for (int i = 0; i < e.length() - 1; i++) {
                inputs[r * width + i] = e.tokens()[i];
                targets[r * width + i] = e.tokens()[i + 1];
                if (e.answerMask()[i + 1]) {
                    mask[r * width + i] = 1f;
                    trained++;
                }
            }
        }
        if (trained == 0) {
            throw new IllegalArgumentException("batch has no answer tokens to train on");
        }
        TeacherBatch teacher = loss.distills() ? teacherBatch(fitted, width, loss.tau()) : null;
        return new PaddedBatch(inputs, targets, mask, rows, width, trained, truncated, teacher);
    }

    /** Drops the first {@code from} tokens; the new first token is never predicted, so it loses its targets. */
    private static EncodedExample leftTruncated(EncodedExample e, int from) {
        boolean[] mask = Arrays.copyOfRange(e.answerMask(), from, e.length());
        mask[0] = false;
        ByteDistribution[] teacher = null;
        if (e.teacher() != null) {
            teacher = Arrays.copyOfRange(e.teacher(), from, e.length());
            teacher[0] = null;
        }
        return new EncodedExample(Arrays.copyOfRange(e.tokens(), from, e.length()), mask, teacher);
    }

    private static TeacherBatch teacherBatch(List<EncodedExample> rows, int width, double tau) {
        int k = 0;
        for (EncodedExample e : rows) {
            for (int i = 0; e.teacher() != null && i < e.length(); i++) {
                k = e.teacher()[i] == null ? k : Math.max(k, e.teacher()[i].size());
            }
        }
        if (k == 0) {
            return null;
        }
        long[] ids = new long[rows.size() * width * k];
        float[] probs = new float[ids.length];
        float[] mask = new float[rows.size() * width];
        int positions = 0;
        for (int r = 0; r < rows.size(); r++) {
            ByteDistribution[] teacher = rows.get(r).teacher();
            for (int i = 0; teacher != null && i < teacher.length - 1; i++) {
                ByteDistribution d = teacher[i + 1];
                if (d == null) {
                    continue;
                }
                int at = r * width + i;
                float[] q = d.tempered(tau);
                for (int j = 0; j < d.size(); j++) {
                    ids[at * k + j] = d.ids()[j];
                    probs[at * k + j] = q[j];
                }
                mask[at] = 1f;
                positions++;
            }
        }
        return new TeacherBatch(ids, probs, mask, k, positions);
    }

    /** Padded target positions: rows times width, the compute actually spent. */
    int paddedTokens() {
        return rows * width;
    }

    int distilledTokens() {
        return teacher == null ? 0 : teacher.positions();
    }
}
