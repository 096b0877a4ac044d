package dev.distill.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * One batched decoding run. Rows are left-padded to a common length; pad keys are masked and
 * learned positions are shifted per row so every prompt starts at position 0 (rotary positions are
 * relative, so the shift does not matter there). After the prefill, each step feeds one token per
 * row through the KV cache. If the padded length would exceed maxSeqLen, every later step
 * recomputes the left-truncated window of the last maxSeqLen tokens instead.
 */
final class Generation {

    private final Student student;
    private final StudentConfig config;
    private final TokenChooser chooser;
    private final int rows;
    private final int[][] sequences;
    private final int[] lengths;
    private final int[] promptLengths;
    private final boolean[] done;
    private final TokenListener listener;

    /** Hears each row's tokens as they are chosen (not the final EOS); false stops the whole run. */
    @FunctionalInterface
    interface TokenListener {
        boolean accept(int row, int token);
    }

    Generation(Student student, List<int[]> prompts, TokenChooser chooser) {
        this(student, prompts, chooser, (row, token) -> true);
    }

    Generation(Student student, List<int[]> prompts, TokenChooser chooser, TokenListener listener) {
        this.student = student;
        this.listener = listener;
        this.config = student.config();
        this.chooser = chooser;
        this.rows = prompts.size();
        this.sequences = new int[rows][];
        this.lengths = new int[rows];
        this.promptLengths = new int[rows];
        this.done = new boolean[rows];
        for (int r = 0; r < rows; r++) {
            int[] p = prompts.get(r);
            // Left truncation: keep the most recent maxSeqLen tokens of the prompt.
            int keep = Math.min(p.length, config.maxSeqLen());
            sequences[r] = Arrays.copyOfRange(p, p.length - keep, p.length);
            lengths[r] = keep;
            promptLengths[r] = keep;
        }
    }

    /** Returns the generated token ids per row (without prompt, without the final EOS). */
    int[][] run(int maxNewTokens) {
        if (maxNewTokens > 0 && rows > 0) {
            decode(maxNewTokens);
        }
        int[][] out = new int[rows][];
        for (int r = 0; r < rows; r++) {
            int end = lengths[r];
            if (end > promptLengths[r] && sequences[r][end - 1] == ByteTokenizer.EOS) {
                end--;
            }
            out[r] = Arrays.copyOfRange(sequences[r], promptLengths[r], end);
        }
        return out;
    }

    private void decode(int maxNewTokens) {
        int vocab = config.vocabSize();
        try (NDManager scope = student.manager().newSubManager()) {
            NDManager step = scope.newSubManager();
            int width = max(lengths);
            int[] pads = new int[rows];
            for (int r = 0; r < rows; r++) {
                pads[r] = width - lengths[r];
            }
            NDList cache = prefill(step, sequences, width, pads);
            float[] logits = lastLogits(cache.get(0));
            cache = cache.subNDList(1);
            int cached = width;
            boolean stopped = false;
            for (int produced = 0; ; produced++) {
                for (int r = 0; r < rows; r++) {
                    if (!done[r]) {
                        int next = chooser.choose(logits, r * vocab, vocab);
                        append(r, next);
                        done[r] = next == ByteTokenizer.EOS;
                        if (!done[r] && !listener.accept(r, next)) {
                            stopped = true;
                        }
                    }
                }
                if (stopped || produced + 1 >= maxNewTokens || allDone()) {
                    break;
                }
                NDManager nextStep = scope.newSubManager();
                if (cache != null && cached + 1 <= config.maxSeqLen()) {
                    NDList out = cachedStep(nextStep, cache, cached, pads);
                    logits = lastLogits(out.get(0));
                    cache = out.subNDList(1);
                    cache.attach(nextStep); // concat results live in the previous step's manager
                    cached++;
                } else {
                    cache = null;
                    logits = lastLogits(windowStep(nextStep));
                }
                step.close();
                step = nextStep;
            }
            step.close();
        }
    }

    private NDList prefill(NDManager m, int[][] seqs, int width, int[] pads) {
        long[] tokens = new long[rows * width];
        long[] positions = new long[rows * width];
        float[] mask = new float[rows * width * width];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < width; i++) {
                int src = i - pads[r];
                tokens[r * width + i] = src >= 0 ? seqs[r][src] : ByteTokenizer.PAD;
                positions[r * width + i] = Math.max(0, src);
                for (int j = 0; j < width; j++) {
                    if (j > i || j < pads[r]) {
                        mask[(r * width + i) * width + j] = Student.MASKED;
                    }
                }
            }
        }
        return student.network().hidden(student.parameterStore(),
                m.create(tokens, new Shape(rows, width)),
                m.create(positions, new Shape(rows, width)),
                m.create(mask, new Shape(rows, 1, width, width)), 0, null, false);
    }

    private NDList cachedStep(NDManager m, NDList cache, int cached, int[] pads) {
        long[] tokens = new long[rows];
        long[] positions = new long[rows];
        float[] mask = new float[rows * (cached + 1)];
        for (int r = 0; r < rows; r++) {
            tokens[r] = sequences[r][lengths[r] - 1]; // finished rows repeat EOS; their output is ignored
            positions[r] = cached - pads[r];
            for (int j = 0; j < pads[r]; j++) {
                mask[r * (cached + 1) + j] = Student.MASKED;
            }
        }
        return student.network().hidden(student.parameterStore(),
                m.create(tokens, new Shape(rows, 1)),
                m.create(positions, new Shape(rows, 1)),
                m.create(mask, new Shape(rows, 1, 1, cached + 1)), cached, cache, false);
    }

    /** Full recomputation over each row's last maxSeqLen tokens (left truncation). */
    private NDArray windowStep(NDManager m) {
        int[] windows = new int[rows];
        for (int r = 0; r < rows; r++) {
            windows[r] = Math.min(lengths[r], config.maxSeqLen());
        }
        int width = max(windows);
        int[] pads = new int[rows];
        int[][] windowed = new int[rows][];
        for (int r = 0; r < rows; r++) {
            pads[r] = width - windows[r];
            windowed[r] = Arrays.copyOfRange(sequences[r], lengths[r] - windows[r], lengths[r]);
        }
        return prefill(m, windowed, width, pads).get(0);
    }

    private float[] lastLogits(NDArray hidden) {
        long t = hidden.getShape().get(1);
        NDArray last = hidden.get(":, {}, :", t - 1);
        return student.network().logits(student.parameterStore(), last, false).toFloatArray();
    }

    private void append(int r, int token) {
        if (lengths[r] == sequences[r].length) {
            sequences[r] = Arrays.copyOf(sequences[r], Math.max(8, sequences[r].length * 2));
        }
        sequences[r][lengths[r]++] = token;
    }

    private boolean allDone() {
        for (boolean d : done) {
            if (!d) {
                return false;
            }
        }
        return true;
    }

    private static int max(int[] values) {
        int m = 0;
        for (int v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
