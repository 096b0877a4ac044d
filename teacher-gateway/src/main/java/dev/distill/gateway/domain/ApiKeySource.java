package dev.distill.gateway.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where a teacher's API key is read from; the registry stores only this reference, never the key:
 * {@code env:NAME} (an environment variable, e.g. from a Kubernetes Secret), {@code file:/path} (a mounted Secret),
 * or {@code config} (the gateway's own {@code distill.teacher.api-key}).
 */
public record ApiKeySource(String ref) {

    public ApiKeySource {
        if (ref != null && !ref.equals("config") && !ref.startsWith("env:") && !ref.startsWith("file:")) {
            throw new IllegalArgumentException("apiKey must be env:<VARIABLE>, file:<path> or absent");
        }
    }

    public static final ApiKeySource NONE = new ApiKeySource(null);

    /** The key, or null when none is configured. {@code env} looks variables up, {@code configured} is the config key. */
    public String resolve(Function<String, String> env, String configured) {
        if (ref == null) {
            return null;
        }
        if (ref.equals("config")) {
            return configured;
        }
        if (ref.startsWith("env:")) {
            String value = env.apply(ref.substring(4));
            if (value == null) {
                throw new IllegalStateException("API key variable " + ref.substring(4) + " is not set");
            }
            return value.strip();
        }
        try {
            return Files.readString(Path.of(ref.substring(5)), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read API key file " + ref.substring(5), e);
        }
    }
}
