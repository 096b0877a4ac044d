package dev.distill.evaluator.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a custom suite file: JSONL, one {@code {"prompt", "reference", "verifier"}} object a line, with an optional
 * {@code skill} label (default {@value #DEFAULT_SKILL}) for per-skill results. {@code verifier} defaults to
 * {@code final-answer}; fields it does not know are ignored. Blank lines are skipped but keep their number. The file is
 * all or nothing: every bad line is reported (the first {@value #MAX_REPORTED} of them) with its number and reason.
 */
public final class SuiteFileParser {

    public static final String DEFAULT_SKILL = "custom";
    static final int MAX_SKILL_CHARS = 64;
    static final int MAX_REPORTED = 100;

    private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final int maxLineChars;
    private final int maxPrompts;

    public SuiteFileParser(int maxLineChars, int maxPrompts) {
        this.maxLineChars = maxLineChars;
        this.maxPrompts = maxPrompts;
    }

    /** The suite's prompts, each with the id {@code line-<n>}; throws InvalidSuiteException listing the bad lines. */
    public List<EvalSuite.Item> parse(String body) {
        List<EvalSuite.Item> items = new ArrayList<>();
        List<InvalidSuiteException.LineError> errors = new ArrayList<>();
        long errorCount = 0;
        int prompts = 0;
        String text = body == null ? "" : body.startsWith("\uFEFF") ? body.substring(1) : body;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            long number = i + 1L;
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank()) {
                continue;
            }
            try {
                if (line.length() > maxLineChars) {
                    throw new IllegalArgumentException("line is longer than " + maxLineChars + " characters");
                }
                if (++prompts > maxPrompts) {
                    throw new IllegalArgumentException("a suite has at most " + maxPrompts + " prompts");
                }
                items.add(item(number, line));
            } catch (IllegalArgumentException e) {
                if (errorCount++ < MAX_REPORTED) {
                    errors.add(new InvalidSuiteException.LineError(number, e.getMessage()));
                }
            }
        }
        if (errorCount > 0) {
            throw new InvalidSuiteException(errorCount + " invalid line" + (errorCount == 1 ? "" : "s")
                    + (errorCount > MAX_REPORTED ? " (the first " + MAX_REPORTED + " listed)" : "")
                    + "; nothing was stored", errors);
        }
        if (items.isEmpty()) {
            throw new InvalidSuiteException("the suite has no prompts", List.of());
        }
        return items;
    }

    private EvalSuite.Item item(long number, String line) {
        JsonNode root;
        try {
            root = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String prompt = text(root, "prompt");
        JsonNode referenceNode = present(root, "reference");
        if (referenceNode == null) {
            throw new IllegalArgumentException("missing \"reference\"");
        }
        if (!referenceNode.isTextual() && !referenceNode.isNumber()) {
            throw new IllegalArgumentException("reference must be a string or a number");
        }
        String reference = referenceNode.isNumber() ? referenceNode.asText() : text(root, "reference");
        JsonNode verifierNode = present(root, "verifier");
        String verifier = verifierNode == null ? ReferenceCheck.FINAL_ANSWER : verifierNode.asText();
        if (verifierNode != null && !verifierNode.isTextual()) {
            throw new IllegalArgumentException("verifier must be one of " + String.join(", ", ReferenceCheck.VERIFIERS));
        }
        String skill = present(root, "skill") == null ? DEFAULT_SKILL : text(root, "skill");
        if (skill.length() > MAX_SKILL_CHARS) {
            throw new IllegalArgumentException("skill is longer than " + MAX_SKILL_CHARS + " characters");
        }
        ReferenceCheck check;
        try {
            check = ReferenceCheck.of(reference, verifier);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("reference is not a valid regex: " + e.getDescription());
        }
        return new EvalSuite.Item("line-" + number, skill.strip(), prompt, check);
    }

    /** The field, or null when it is absent or JSON null. */
    private static JsonNode present(JsonNode object, String name) {
        JsonNode value = object.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private static String text(JsonNode object, String name) {
        JsonNode value = present(object, name);
        if (value == null) {
            throw new IllegalArgumentException("missing \"" + name + "\"");
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(name + " must be a string");
        }
        if (value.textValue().isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value.textValue();
    }
}
