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
 * @param partitions   the broker's partitions per auto-created topic (1 unless a test runs replicas of a service)
 * @param monitoring   whether a Prometheus process scrapes the stack ({@link Monitoring#OFF} unless asked for)
 */
public record StackOptions(Path repoRoot, Path workDir, StackPorts ports, String database, boolean freshState,
        String teacherVersion, Map<String, Map<String, String>> serviceProps, Set<String> services, int partitions,
        Monitoring monitoring) {

    public static final Set<String> ALL_SERVICES = Set.of("reference-teacher", "prompt-generator", "teacher-gateway",
            "dataset-curator", "trainer", "evaluator");

    /** The whole platform. */
    public StackOptions(Path repoRoot, Path workDir, StackPorts ports, String database, boolean freshState,
            String teacherVersion, Map<String, Map<String, String>> serviceProps) {
        this(repoRoot, workDir, ports, database, freshState, teacherVersion, serviceProps, ALL_SERVICES);
    }

    /** Some services, on a broker with one partition per topic. */
    public StackOptions(Path repoRoot, Path workDir, StackPorts ports, String database, boolean freshState,
            String teacherVersion, Map<String, Map<String, String>> serviceProps, Set<String> services) {
        this(repoRoot, workDir, ports, database, freshState, teacherVersion, serviceProps, services, 1);
    }

    /** Some services, without Prometheus. */
    public StackOptions(Path repoRoot, Path workDir, StackPorts ports, String database, boolean freshState,
            String teacherVersion, Map<String, Map<String, String>> serviceProps, Set<String> services, int partitions) {
        this(repoRoot, workDir, ports, database, freshState, teacherVersion, serviceProps, services, partitions,
                Monitoring.OFF);
    }

    public StackOptions {
        if (monitoring == null) {
            throw new IllegalArgumentException("monitoring must be given; Monitoring.OFF for none");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
    }

    /** The same stack, scraped by Prometheus as {@code monitoring} says. */
    public StackOptions withMonitoring(Monitoring monitoring) {
        return new StackOptions(repoRoot, workDir, ports, database, freshState, teacherVersion, serviceProps, services,
                partitions, monitoring);
    }

    public Map<String, String> propsFor(String service) {
        return serviceProps.getOrDefault(service, Map.of());
    }
}
