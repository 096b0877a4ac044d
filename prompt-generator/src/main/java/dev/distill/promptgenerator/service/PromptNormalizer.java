package dev.distill.promptgenerator.service;

import dev.distill.events.ChatMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The identity of a prompt for exact deduplication: roles and contents after Unicode NFKC, case folding and
 * whitespace collapsing, so "What is 2+2?" and " what  is 2+2? " are one prompt. SHA-256, hex.
 */
public final class PromptNormalizer {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private PromptNormalizer() {
    }

    public static String normalize(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return WHITESPACE.matcher(folded).replaceAll(" ").strip();
    }

    public static String hash(List<ChatMessage> messages) {
        MessageDigest digest = Hashing.sha256();
        for (ChatMessage message : messages) {
            digest.update(message.role().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(normalize(message.content()).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
