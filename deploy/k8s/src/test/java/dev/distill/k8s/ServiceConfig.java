package dev.distill.k8s;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What one service reads from its application.properties: Kafka topics and groups, and environment variables. */
record ServiceConfig(String service, Properties properties, Set<String> placeholders) {

    /** The services and their modules, as the images are named. */
    static final Map<String, String> MODULES = Map.of(
            "prompt-generator", "prompt-generator",
            "teacher-gateway", "teacher-gateway",
            "dataset-curator", "dataset-curator",
            "trainer", "trainer",
            "evaluator", "evaluator",
            "reference-teacher", "deploy/reference-teacher");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");

    static ServiceConfig load(Path repoRoot, String service) {
        Path file = repoRoot.resolve(MODULES.get(service)).resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file + ": " + e.getMessage(), e);
        }
        Set<String> placeholders = new TreeSet<>();
        for (String value : properties.stringPropertyNames().stream().map(properties::getProperty).toList()) {
            Matcher m = PLACEHOLDER.matcher(value);
            while (m.find()) {
                placeholders.add(m.group(1));
            }
        }
        return new ServiceConfig(service, properties, placeholders);
    }

    /** Topics of every channel and dead-letter queue, in the default (production) profile. */
    Set<String> topics() {
        Set<String> topics = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith("%") && key.startsWith("mp.messaging.") && key.endsWith(".topic")) {
                topics.add(properties.getProperty(key));
            }
        }
        return topics;
    }

    /** Consumer group per incoming topic. */
    Map<String, String> groupsByTopic() {
        Map<String, String> groups = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".topic")) {
                String group = properties.getProperty(key.substring(0, key.length() - ".topic".length()) + ".group.id");
                if (group != null) {
                    groups.put(properties.getProperty(key), group);
                }
            }
        }
        return groups;
    }

    /**
     * Whether the service reads environment variable {@code name}: an explicit {@code ${NAME:default}} placeholder,
     * or the environment form of one of its keys (MicroProfile Config: upper case, every other character '_').
     */
    boolean reads(String name) {
        if (placeholders.contains(name)) {
            return true;
        }
        return properties.stringPropertyNames().stream()
                .filter(key -> !key.startsWith("%"))
                .anyMatch(key -> key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT).equals(name));
    }
}
