package dev.distill.gateway.domain;

import dev.distill.events.TeacherRef;
import java.time.Instant;

/** An announced version of a teacher: the model name it is asked for, and optionally its own server. */
public record TeacherVersion(String teacher, String version, String model, String baseUrl, Instant announcedAt) {

    public TeacherVersion {
        if (version == null || !version.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("version must be 1-64 letters, digits, '.', '_' or '-', was " + version);
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model is required");
        }
        if (baseUrl != null && !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("baseUrl must be an http(s) URL, was " + baseUrl);
        }
    }

    public TeacherRef ref() {
        return new TeacherRef(teacher, model, version);
    }
}
