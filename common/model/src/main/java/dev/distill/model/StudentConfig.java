package dev.distill.model;

import java.util.List;
import java.util.Locale;

/**
 * Shape of a student transformer. Immutable and serialised verbatim into a checkpoint's {@code
 * config.json}, so a checkpoint can be rebuilt without code defaults leaking in.
 *
 * @param vocabSize output/embedding vocabulary; must cover {@link ByteTokenizer#VOCAB_SIZE}
 * @param dModel width of the residual stream
 * @param heads attention heads; {@code dModel} must be divisible by it
 * @param layers number of pre-LayerNorm decoder blocks
 * @param ffDim hidden width of the GELU feed-forward
 * @param maxSeqLen longest context the model sees (training inputs and generation window)
 * @param positions {@code "learned"} (absolute position embedding) or {@code "rotary"} (RoPE on
 *     queries and keys, no position parameters)
 */
public record StudentConfig(
        int vocabSize, int dModel, int heads, int layers, int ffDim, int maxSeqLen, String positions) {

    public static final String LEARNED = "learned";
    public static final String ROTARY = "rotary";
    public static final List<String> PRESETS = List.of("tiny", "small", "base");

    public StudentConfig {
        require(vocabSize >= ByteTokenizer.VOCAB_SIZE,
                "vocabSize must be at least " + ByteTokenizer.VOCAB_SIZE + " (the byte tokenizer's vocabulary), got " + vocabSize);
        require(dModel > 0, "dModel must be positive, got " + dModel);
        require(heads > 0, "heads must be positive, got " + heads);
        require(dModel % heads == 0, "dModel (" + dModel + ") must be divisible by heads (" + heads + ")");
        require(layers > 0, "layers must be positive, got " + layers);
        require(ffDim > 0, "ffDim must be positive, got " + ffDim);
        require(maxSeqLen >= 8, "maxSeqLen must be at least 8, got " + maxSeqLen);
        require(positions != null, "positions must be \"learned\" or \"rotary\", got null");
        positions = positions.toLowerCase(Locale.ROOT);
        require(positions.equals(LEARNED) || positions.equals(ROTARY),
                "positions must be \"learned\" or \"rotary\", got \"" + positions + "\"");
        require(!positions.equals(ROTARY) || (dModel / heads) % 2 == 0,
                "rotary positions need an even head dimension, got " + dModel / heads);
    }

    /**
     * About 0.1M parameters: the recommended default for the built-in arithmetic skills. It reaches
     * at least 90% held-out exact match on 1-3 digit addition with worked steps in about two minutes
     * on 2 CPU cores with {@link TrainingConfig#defaults()}.
     */
    public static StudentConfig tiny() {
        return new StudentConfig(ByteTokenizer.VOCAB_SIZE, 64, 4, 2, 128, 128, LEARNED);
    }

    /** About 1M parameters. */
    public static StudentConfig small() {
        return new StudentConfig(ByteTokenizer.VOCAB_SIZE, 128, 4, 4, 512, 256, LEARNED);
    }

    /** About 10M parameters. */
    public static StudentConfig base() {
        return new StudentConfig(ByteTokenizer.VOCAB_SIZE, 256, 8, 12, 1024, 512, LEARNED);
    }

    /** Returns the named preset ({@code tiny}, {@code small}, {@code base}; case-insensitive). */
    public static StudentConfig preset(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "tiny" -> tiny();
            case "small" -> small();
            case "base" -> base();
            default -> throw new IllegalArgumentException(
                    "unknown student preset \"" + name + "\"; valid presets: " + String.join(", ", PRESETS));
        };
    }

    public int headDim() {
        return dModel / heads;
    }

    public boolean rotary() {
        return ROTARY.equals(positions);
    }

    public StudentConfig withPositions(String newPositions) {
        return new StudentConfig(vocabSize, dModel, heads, layers, ffDim, maxSeqLen, newPositions);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("invalid StudentConfig: " + message);
        }
    }
}
