package dev.distill.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The PromQL of the dashboards and alert rules, for a test to evaluate: every panel target's {@code expr} of every
 * Grafana dashboard, and the series selectors inside an expression ({@code name{matchers}}, without the functions,
 * operators and label lists around them).
 */
final class PromQlExpressions {

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "bool", "offset", "inf", "nan",
            // aggregations, which may come before their parenthesis: sum by (job) (...)
            "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
            "quantile", "limitk", "limit_ratio");
    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

    private PromQlExpressions() {
    }

    /** {@code "<file> / <panel title> / <refId>"} to expression, for every target of every dashboard in {@code dir}. */
    static Map<String, String> dashboardTargets(Path dir) throws IOException {
        Map<String, String> exprs = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                collectPanels(new ObjectMapper().readTree(file.toFile()).path("panels"), file.getFileName().toString(), exprs);
            }
        }
        return exprs;
    }

    private static void collectPanels(JsonNode panels, String file, Map<String, String> exprs) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    exprs.put(file + " / " + panel.path("title").asText() + " / " + target.path("refId").asText(),
                            target.path("expr").asText());
                }
            }
            collectPanels(panel.path("panels"), file, exprs); // panels inside collapsed rows
        }
    }

    /** The series selectors of {@code expr}, e.g. {@code up{job="x"}} of {@code sum by (job) (rate(up{job="x"}[5m]))}. */
    static List<String> selectors(String expr) {
        Set<String> selectors = new LinkedHashSet<>();
        int i = 0;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(expr, i);
            } else if (c == '[') {
                i = expr.indexOf(']', i) + 1; // a range or subquery duration
            } else if (Character.isDigit(c)) {
                while (i < expr.length() && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '.')) {
                    i++; // a number or a duration such as 5m
                }
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int start = i;
                while (i < expr.length() && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '_'
                        || expr.charAt(i) == ':')) {
                    i++;
                }
                String word = expr.substring(start, i);
                int next = skipSpaces(expr, i);
                boolean call = next < expr.length() && expr.charAt(next) == '(';
                if (LABEL_LISTS.contains(word) && call) {
                    i = expr.indexOf(')', next) + 1;
                } else if (!call && !KEYWORDS.contains(word.toLowerCase(java.util.Locale.ROOT))) {
                    if (next < expr.length() && expr.charAt(next) == '{') {
                        int end = matchingBrace(expr, next);
                        selectors.add(word + expr.substring(next, end));
                        i = end;
                    } else {
                        selectors.add(word);
                    }
                }
            } else if (c == '{') {
                int end = matchingBrace(expr, i); // a selector by matchers only
                selectors.add(expr.substring(i, end));
                i = end;
            } else {
                i++;
            }
        }
        return new ArrayList<>(selectors);
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipString(String s, int i) {
        char quote = s.charAt(i);
        i++;
        while (i < s.length() && s.charAt(i) != quote) {
            i += s.charAt(i) == '\\' && quote != '`' ? 2 : 1;
        }
        return i + 1;
    }

    /** The index just past the '}' closing the '{' at {@code open}, skipping quoted label values. */
    private static int matchingBrace(String s, int open) {
        int i = open + 1;
        while (i < s.length() && s.charAt(i) != '}') {
            char c = s.charAt(i);
            i = c == '"' || c == '\'' || c == '`' ? skipString(s, i) : i + 1;
        }
        return i + 1;
    }
}
