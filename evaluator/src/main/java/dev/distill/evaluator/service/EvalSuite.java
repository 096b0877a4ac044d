package dev.distill.evaluator.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A named, fixed list of prompts every checkpoint is scored on: the built-in suite (from the skills' eval split) or a
 * custom one registered through REST.
 */
public record EvalSuite(String name, String source, Instant createdAt, List<Item> items) {

    public static final String BUILTIN = "builtin";
    public static final String CUSTOM = "custom";

    public EvalSuite {
        items = List.copyOf(items);
    }

    /** One prompt: its id within the suite (stable, it keys the published prompt), skill label and check. */
    public record Item(String promptId, String skill, String prompt, AnswerCheck check) {
    }

    /**
     * A fingerprint of the prompts and their expected answers: a teacher baseline is valid for the suite it was
     * computed on, and the built-in suite changes with configuration, a custom one when registered again.
     */
    public String digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Item item : items) {
                String expected = item.check() instanceof SkillCheck s ? s.problem().answer()
                        : item.check() instanceof ReferenceCheck r ? r.verifier() + ":" + r.reference()
                        : item.check().getClass().getName();
                for (String part : new String[] {item.promptId(), item.skill(), item.prompt(), expected}) {
                    sha.update(part.getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many prompts each skill has, by skill name. */
    public Map<String, Integer> skills() {
        Map<String, Integer> counts = new TreeMap<>();
        items.forEach(item -> counts.merge(item.skill(), 1, Integer::sum));
        return counts;
    }
}
