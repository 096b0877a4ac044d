package dev.distill.local;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * How to run one local stack.
 *
 * @param repoRoot     the repository, where each module's packaged application lies
 * @param workDir      where logs, the broker's data, checkpoints and stack.json go
 * @param database     the PostgreSQL database every service keeps its schema in
 * @param freshState   drop the database and the broker's data first (the demo starts from nothing)
 * @param serviceProps extra system properties per service name, e.g. the trainer's step budget
 * @param services     the services to start besides the broker (a test of one part needs only a few)
 */
public record StackOptions(Path repoRoot, Path workDir, StackPorts ports, String database, boolean freshState,
        String teacherVersion, Map<String, Map<String, String>> serviceProps, Set<String> services) {

    public static final Set<String> ALL_SERVICES = Set.of("reference-teacher", "prompt-generator", "teacher-gateway",
            "dataset-curator", "trainer", "evaluator");

    /** The whole platform. */
    public StackOptions(Path repoRoot, Path workDir, StackPorts ports, String database, boolean freshState,
            String teacherVersion, Map<String, Map<String, String>> serviceProps) {
        this(repoRoot, workDir, ports, database, freshState, teacherVersion, serviceProps, ALL_SERVICES);
    }

    public Map<String, String> propsFor(String service) {
        return serviceProps.getOrDefault(service, Map.of());
    }
}
