package dev.distill.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the local Prometheus' files from deploy/prometheus: the scrape config template with the stack's ports,
 * and the rule file from the PrometheusRule that Kubernetes uses, so that both run the same rules.
 */
final class PrometheusConfig {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(scrape_interval|port:([a-z-]+))}");

    private PrometheusConfig() {
    }

    /** The template with {@code ${scrape_interval}} and every {@code ${port:<name>}} filled in. */
    static String scrapeConfig(String template, long scrapeSeconds, Map<String, Integer> ports) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value;
            if (m.group(2) == null) {
                value = scrapeSeconds + "s";
            } else {
                Integer port = ports.get(m.group(2));
                if (port == null) {
                    throw new StackFailure("monitoring needs the whole platform: the Prometheus config scrapes "
                            + m.group(2) + ", which this stack does not run");
                }
                value = port.toString();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The {@code spec} of a PrometheusRule manifest, which is a Prometheus rule file ({@code groups: ...}): the
     * lines under the top-level {@code spec:} key, less its indentation. Plain text, so that the launcher needs no
     * YAML library; Prometheus parses the result and the stack fails to start if it cannot.
     */
    static String ruleFile(String prometheusRule) {
        List<String> lines = prometheusRule.lines().toList();
        int spec = lines.indexOf("spec:");
        if (spec < 0) {
            throw new StackFailure("the PrometheusRule has no top-level 'spec:' line");
        }
        List<String> body = new ArrayList<>();
        String indent = null;
        for (String line : lines.subList(spec + 1, lines.size())) {
            if (line.isBlank()) {
                body.add("");
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                break; // the next top-level key
            }
            if (indent == null) {
                indent = line.substring(0, line.length() - line.stripLeading().length());
            }
            if (!line.startsWith(indent)) {
                throw new StackFailure("the PrometheusRule's spec is not consistently indented at: " + line);
            }
            body.add(line.substring(indent.length()));
        }
        return String.join("\n", body) + "\n";
    }
}
