package dev.distill.gateway.domain;

import java.util.Map;

/** A registered teacher: where it is, how to authenticate (by reference) and its limits. */
public record TeacherSpec(String name, String baseUrl, Map<String, String> headers, ApiKeySource apiKey, Limits limits) {

    public TeacherSpec {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("name must be 1-64 letters, digits, '.', '_' or '-', was " + name);
        }
        if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("baseUrl must be an http(s) URL, was " + baseUrl);
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        apiKey = apiKey == null ? ApiKeySource.NONE : apiKey;
        if (limits == null) {
            throw new IllegalArgumentException("limits are required");
        }
    }
}
