package dev.distill.model.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --key value} and bare {@code --flag} command-line options of the benchmarks. */
record BenchOptions(Map<String, String> values) {

    static BenchOptions parse(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String key = args[i].substring(2);
            out.put(key, i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : "true");
        }
        return new BenchOptions(Map.copyOf(out));
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    String text(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    int integer(String key, int fallback) {
        return has(key) ? Integer.parseInt(values.get(key)) : fallback;
    }

    double decimal(String key, double fallback) {
        return has(key) ? Double.parseDouble(values.get(key)) : fallback;
    }
}
