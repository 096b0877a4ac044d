package dev.distill.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Byte-level tokenizer: ids 0..255 are the UTF-8 bytes of the text, followed by a handful of
 * special tokens. Byte-level means any text (Arabic, emoji, code) is representable without an
 * unknown token, which matters because teacher answers are arbitrary text.
 *
 * <p>Chat layout: {@code BOS (role content END_OF_TURN)* ASSISTANT answer EOS}.
 */
public final class ByteTokenizer {

    public static final String NAME = "byte-chat";
    public static final int VERSION = 1;

    public static final int PAD = 256;
    public static final int BOS = 257;
    public static final int EOS = 258;
    public static final int SYSTEM = 259;
    public static final int USER = 260;
    public static final int ASSISTANT = 261;
    public static final int END_OF_TURN = 262;
    public static final int VOCAB_SIZE = 263;

    private static final ByteTokenizer INSTANCE = new ByteTokenizer();

    private ByteTokenizer() {}

    public static ByteTokenizer instance() {
        return INSTANCE;
    }

    public String name() {
        return NAME;
    }

    public int version() {
        return VERSION;
    }

    public int vocabSize() {
        return VOCAB_SIZE;
    }

    /** UTF-8 bytes of the text as ids 0..255 (no special tokens). */
    public int[] encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            ids[i] = bytes[i] & 0xFF;
        }
        return ids;
    }

    /**
     * Decodes byte ids to text, skipping special tokens. Invalid or truncated UTF-8 sequences (a
     * generation cut mid-character) become U+FFFD instead of throwing.
     */
    public String decode(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length);
        for (int id : ids) {
            if (id >= 0 && id < 256) {
                out.write(id);
            }
        }
        // String(byte[], UTF_8) replaces malformed input rather than throwing.
        return out.toString(StandardCharsets.UTF_8);
    }

    public static boolean isSpecial(int id) {
        return id >= 256;
    }

    public static int roleToken(String role) {
        return switch (role) {
            case "system" -> SYSTEM;
            case "user" -> USER;
            case "assistant" -> ASSISTANT;
            default -> throw new IllegalArgumentException("unknown role " + role);
        };
    }

    /**
     * BOS, then per turn its role token, content bytes and END_OF_TURN, then a final ASSISTANT token:
     * the model continues from here with the answer.
     */
    public int[] encodePrompt(List<ChatTurn> turns) {
        IntBuffer buf = new IntBuffer(64);
        buf.add(BOS);
        for (ChatTurn turn : turns) {
            buf.add(roleToken(turn.role()));
            buf.addAll(encode(turn.content()));
            buf.add(END_OF_TURN);
        }
        buf.add(ASSISTANT);
        return buf.toArray();
    }

    /** Prompt encoding + answer bytes + EOS; the mask is true exactly on the answer bytes and EOS. */
    public EncodedExample encodeExample(List<ChatTurn> prompt, String answer) {
        int[] promptIds = encodePrompt(prompt);
        int[] answerIds = encode(answer);
        int n = promptIds.length + answerIds.length + 1;
        int[] tokens = new int[n];
        boolean[] mask = new boolean[n];
        System.arraycopy(promptIds, 0, tokens, 0, promptIds.length);
        System.arraycopy(answerIds, 0, tokens, promptIds.length, answerIds.length);
        tokens[n - 1] = EOS;
        for (int i = promptIds.length; i < n; i++) {
            mask[i] = true;
        }
        return new EncodedExample(tokens, mask);
    }

    /** Minimal growable int array, to avoid boxing. */
    private static final class IntBuffer {
        private int[] data;
        private int size;

        IntBuffer(int capacity) {
            data = new int[capacity];
        }

        void add(int v) {
            if (size == data.length) {
                data = java.util.Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        void addAll(int[] vs) {
            for (int v : vs) {
                add(v);
            }
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
