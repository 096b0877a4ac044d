package dev.distill.curator.dedup;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Word n-gram shingles of a text, each hashed to 64 bits. Deterministic across processes and JVMs: it depends only on
 * the text, the Unicode tables of the JDK and fixed hash constants (never {@link String#hashCode()}).
 *
 * <p>Normalisation: Unicode NFKC, then lower case in {@link Locale#ROOT}. Tokenisation: whitespace separates words;
 * a word keeps its letters and digits in any script (plus combining marks, so Arabic or Devanagari words with
 * diacritics stay whole); every other character (punctuation, symbols) is dropped, so {@code "don't"} is {@code "dont"}
 * and {@code "sum," } is {@code "sum"}. Words left empty are skipped.
 */
public final class Shingles {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Shingles() {
    }

    /**
     * The distinct hashes (sorted ascending, signed) of the {@code words}-word n-grams of {@code text}. A text with
     * fewer than {@code words} words gives one shingle of all its words; a text without words gives an empty array.
     */
    public static long[] of(String text, int words) {
        if (words < 1) {
            throw new IllegalArgumentException("shingle words must be >= 1, was " + words);
        }
        List<String> tokens = tokens(text);
        if (tokens.isEmpty()) {
            return new long[0];
        }
        int count = Math.max(1, tokens.size() - words + 1);
        int width = Math.min(words, tokens.size());
        long[] hashes = new long[count];
        StringBuilder shingle = new StringBuilder();
        for (int start = 0; start < count; start++) {
            shingle.setLength(0);
            for (int k = 0; k < width; k++) {
                if (k > 0) {
                    shingle.append(' ');
                }
                shingle.append(tokens.get(start + k));
            }
            hashes[start] = hash(shingle.toString());
        }
        Arrays.sort(hashes);
        int distinct = 0;
        for (int i = 0; i < hashes.length; i++) {
            if (i == 0 || hashes[i] != hashes[distinct - 1]) {
                hashes[distinct++] = hashes[i];
            }
        }
        return Arrays.copyOf(hashes, distinct);
    }

    /** The normalised word tokens of {@code text} (see the class comment); {@code null} has none. */
    public static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return tokens;
        }
        String normalised = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder word = new StringBuilder();
        int i = 0;
        while (i < normalised.length()) {
            int cp = normalised.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                if (word.length() > 0) {
                    tokens.add(word.toString());
                    word.setLength(0);
                }
            } else if (isWordChar(cp)) {
                word.appendCodePoint(cp);
            }
            // anything else (punctuation, symbols, controls) is dropped without splitting the word
        }
        if (word.length() > 0) {
            tokens.add(word.toString());
        }
        return tokens;
    }

    private static boolean isWordChar(int cp) {
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /** 64-bit FNV-1a over the UTF-8 bytes of {@code s}, then the SplitMix64 finaliser. */
    static long hash(String s) {
        long h = FNV_OFFSET;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= FNV_PRIME;
        }
        return mix(h);
    }

    /** The SplitMix64 finaliser (a bijection on 64-bit values with good avalanche). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
