package dev.distill.referenceteacher.service;

import java.util.List;

/**
 * The reference teacher's tokenizer: one token per Unicode code point. Simple, and it makes truncation by
 * {@code max_tokens} and the byte-level student's projection of teacher tokens exact.
 */
public final class CharTokenizer {

    private CharTokenizer() {
    }

    public static List<String> tokens(String text) {
        return text.codePoints().mapToObj(Character::toString).toList();
    }

    public static int count(String text) {
        return text == null ? 0 : (int) text.codePoints().count();
    }
}
