package dev.distill.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A small decoder-only transformer student (DJL + PyTorch, CPU) with batched generation.
 *
 * <p>Generation: prompts are left-padded to a common length (pads are masked out of attention and
 * learned positions are shifted so each prompt starts at position 0), and decoding uses a KV cache.
 * When a sequence would exceed {@code maxSeqLen}, the context is truncated from the left and the
 * step falls back to recomputing the window (no cache), so long generations stay correct.
 *
 * <p>Not thread-safe: use one Student per thread, or synchronise externally.
 */
public final class Student implements AutoCloseable {

    /** Rows generated together; larger batches amortise per-op overhead but cost memory. */
    static final int GENERATION_BATCH = 64;
    static final float MASKED = -1e9f;

    private final StudentConfig config;
    private final NDManager manager;
    private final StudentNetwork network;
    private final ParameterStore parameterStore;
    private final ByteTokenizer tokenizer = ByteTokenizer.instance();

    private Student(StudentConfig config, NDManager manager, StudentNetwork network) {
        this.config = config;
        this.manager = manager;
        this.network = network;
        this.parameterStore = new ParameterStore(manager, false);
    }

    /** Builds a freshly initialised student; the same seed gives identical parameters. */
    public static Student create(StudentConfig config, long seed) {
        Student student = allocate(config);
        student.initialiseParameters(seed);
        return student;
    }

    /** Loads a checkpoint directory written by {@link Checkpoints#save}. */
    public static Student load(Path dir) {
        return Checkpoints.load(dir);
    }

    /** Allocates the network with placeholder values (parameters are then initialised or loaded). */
    static Student allocate(StudentConfig config) {
        NDManager manager = DjlEnvironment.engine().newBaseManager(DjlEnvironment.device());
        try {
            StudentNetwork network = new StudentNetwork(config);
            network.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
            network.initialize(manager, DataType.FLOAT32, new Shape(1, 8), new Shape(1, 8), new Shape(1, 1, 8, 8));
            return new Student(config, manager, network);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * GPT-2 style: weights ~ N(0, 0.02), residual output projections scaled by 1/sqrt(2 * layers),
     * biases and LayerNorm shifts 0, LayerNorm scales 1. Drawn from a seeded java.util.Random in a
     * fixed parameter order so initialisation does not depend on engine RNG state.
     */
    private void initialiseParameters(long seed) {
        Random random = new Random(seed);
        double residualStd = 0.02 / Math.sqrt(2.0 * config.layers());
        for (Pair<String, Parameter> entry : network.getParameters()) {
            String name = entry.getKey();
            Parameter p = entry.getValue();
            if (p.getType() != Parameter.Type.WEIGHT) {
                continue; // biases zero, gamma one, beta zero from their type's initialiser
            }
            boolean residual = name.endsWith("attention_output_weight") || name.endsWith("feed_forward_out_weight");
            double std = residual ? residualStd : 0.02;
            NDArray array = p.getArray();
            float[] values = new float[Math.toIntExact(array.size())];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextGaussian() * std);
            }
            array.set(values);
        }
    }

    public StudentConfig config() {
        return config;
    }

    public ByteTokenizer tokenizer() {
        return tokenizer;
    }

    public long parameterCount() {
        long n = 0;
        for (Pair<String, Parameter> entry : network.getParameters()) {
            n += entry.getValue().getArray().size();
        }
        return n;
    }

    StudentNetwork network() {
        return network;
    }

    NDManager manager() {
        return manager;
    }

    ParameterStore parameterStore() {
        return parameterStore;
    }

    ParameterList parameters() {
        return network.getParameters();
    }

    /**
     * Logits for every position of one token sequence (no truncation; length must be at most
     * maxSeqLen). Row i is the distribution of token i + 1.
     */
    public float[][] logits(int[] tokens) {
        if (tokens.length == 0 || tokens.length > config.maxSeqLen()) {
            throw new IllegalArgumentException("sequence length must be 1.." + config.maxSeqLen() + ", got " + tokens.length);
        }
        try (NDManager scope = manager.newSubManager()) {
            int t = tokens.length;
            NDArray tok = scope.create(toLongs(tokens), new Shape(1, t));
            NDArray pos = scope.arange(0, t, 1, DataType.INT64).reshape(1, t);
            NDArray mask = causalMask(scope, t);
            NDArray hidden = network.hidden(parameterStore, tok, pos, mask, 0, null, false).get(0);
            float[] flat = network.logits(parameterStore, hidden, false).toFloatArray();
            int v = config.vocabSize();
            float[][] out = new float[t][v];
            for (int i = 0; i < t; i++) {
                System.arraycopy(flat, i * v, out[i], 0, v);
            }
            return out;
        }
    }

    /** Greedy batched generation; each completion stops at EOS or after maxNewTokens. */
    public List<String> generate(List<List<ChatTurn>> prompts, int maxNewTokens) {
        return generate(prompts, maxNewTokens, TokenChooser.greedy());
    }

    /**
     * Sampled batched generation: temperature-scaled softmax over the topK most likely tokens
     * (topK <= 0 means the whole vocabulary; temperature <= 0 means greedy). Deterministic per seed.
     */
    public List<String> generate(List<List<ChatTurn>> prompts, int maxNewTokens, double temperature, int topK,
            long seed) {
        return generate(prompts, maxNewTokens, TokenChooser.sampling(temperature, topK, seed));
    }

    /** Receives each generated token the moment it is chosen; returning false stops the generation. */
    @FunctionalInterface
    public interface TokenSink {
        boolean accept(int token);
    }

    /**
     * One prompt's generation, token by token, so that a server can stream it: each token but the final EOS goes to
     * {@code sink} as soon as it is chosen, and the sink returning false (its reader went away) stops the decoding.
     * The decoding is {@link #generate(List, int, double, int, long)}'s: the same prompt, budget, temperature, topK
     * and seed give the same tokens.
     *
     * @return the generated tokens, without the final EOS (fewer than {@code maxNewTokens} when EOS ended it or the
     *         sink stopped it)
     */
    public int[] stream(List<ChatTurn> prompt, int maxNewTokens, double temperature, int topK, long seed,
            TokenSink sink) {
        if (maxNewTokens < 0) {
            throw new IllegalArgumentException("maxNewTokens must be >= 0");
        }
        return new Generation(this, List.of(tokenizer.encodePrompt(prompt)),
                TokenChooser.sampling(temperature, topK, seed), (row, token) -> sink.accept(token)).run(maxNewTokens)[0];
    }

    private List<String> generate(List<List<ChatTurn>> prompts, int maxNewTokens, TokenChooser chooser) {
        if (maxNewTokens < 0) {
            throw new IllegalArgumentException("maxNewTokens must be >= 0");
        }
        List<String> out = new ArrayList<>(prompts.size());
        for (int from = 0; from < prompts.size(); from += GENERATION_BATCH) {
            List<int[]> batch = new ArrayList<>();
            for (List<ChatTurn> prompt : prompts.subList(from, Math.min(prompts.size(), from + GENERATION_BATCH))) {
                batch.add(tokenizer.encodePrompt(prompt));
            }
            for (int[] completion : new Generation(this, batch, chooser).run(maxNewTokens)) {
                out.add(tokenizer.decode(completion));
            }
        }
        return out;
    }

    /** Additive causal mask (1,1,T,T): 0 on and below the diagonal, a large negative value above. */
    static NDArray causalMask(NDManager scope, int t) {
        float[] m = new float[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) {
                m[i * t + j] = MASKED;
            }
        }
        return scope.create(m, new Shape(1, 1, t, t));
    }

    static long[] toLongs(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
