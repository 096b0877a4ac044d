package dev.distill.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The identity of a prompt for exact deduplication, the same in every service (the generator emits a campaign's
 * prompts once, the curator keeps one sample per prompt and dataset): roles and contents after Unicode NFKC, case
 * folding and whitespace collapsing, so "What is 2+2?" and " what  is 2+2? " are one prompt. SHA-256, hex.
 */
public final class PromptText {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private PromptText() {
    }

    public static String normalize(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return WHITESPACE.matcher(folded).replaceAll(" ").strip();
    }

    public static String hash(List<ChatMessage> messages) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
        for (ChatMessage message : messages) {
            digest.update(message.role().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(normalize(message.content()).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
