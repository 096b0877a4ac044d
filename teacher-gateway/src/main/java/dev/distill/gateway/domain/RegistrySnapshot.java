package dev.distill.gateway.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The registry as read from PostgreSQL at one moment: teachers, their versions, and how prompts are routed. */
public record RegistrySnapshot(Map<String, TeacherSpec> teachers, Map<String, List<TeacherVersion>> versions,
        Map<String, Route> routes) {

    public static final RegistrySnapshot EMPTY = new RegistrySnapshot(Map.of(), Map.of(), Map.of());

    public Optional<TeacherVersion> version(String teacher, String version) {
        return versions.getOrDefault(teacher, List.of()).stream().filter(v -> v.version().equals(version)).findFirst();
    }
}
