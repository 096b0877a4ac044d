package dev.distill.local;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distill.testing.KafkaBroker;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalStackTest {

    @Test
    void aPortInUseEndsTheStartWithAMessageNamingThePortAndItsOwner() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StackPorts free = StackPorts.free();
            StackPorts ports = new StackPorts(free.kafka(), free.referenceTeacher(), free.promptGenerator(),
                    taken.getLocalPort(), free.datasetCurator(), free.trainer(), free.evaluator());
            StackOptions options = new StackOptions(Path.of("target/never"), Path.of("target/never"), ports,
                    "distill_never", false, "v1", Map.of());

            assertThatThrownBy(() -> LocalStack.start(options, new ProgressLog(System.out, false)))
                    .isInstanceOf(StackFailure.class)
                    .hasMessageContaining("port " + taken.getLocalPort())
                    .hasMessageContaining("teacher-gateway")
                    .hasMessageContaining("already in use");
        }
    }

    @Test
    void aMissingBuildIsNamedWithTheCommandThatFixesIt() {
        StackOptions options = new StackOptions(Path.of("target/no-such-repo"), Path.of("target/never"),
                StackPorts.free(), "distill_never", false, "v1", Map.of());

        assertThatThrownBy(() -> LocalStack.start(options, new ProgressLog(System.out, false)))
                .isInstanceOf(StackFailure.class)
                .hasMessageContaining("is not built")
                .hasMessageContaining("./mvnw -DskipTests install");
    }

    @Test
    void anUnreachablePostgresIsNamedWithHowToStartIt() {
        Path repo = Path.of("").toAbsolutePath().getParent().getParent();
        StackOptions options = new StackOptions(repo, Path.of("target/never"), StackPorts.free(), "distill_never",
                false, "v1", Map.of());
        String previous = System.getProperty("distill.postgres.port");
        System.setProperty("distill.postgres.port", Integer.toString(KafkaBroker.freePort()));
        try {
            assertThatThrownBy(() -> LocalStack.start(options, new ProgressLog(System.out, false)))
                    .isInstanceOf(StackFailure.class)
                    .hasMessageContaining("PostgreSQL")
                    .hasMessageContaining("not reachable")
                    .hasMessageContaining("pg_ctlcluster");
        } finally {
            if (previous == null) {
                System.clearProperty("distill.postgres.port");
            } else {
                System.setProperty("distill.postgres.port", previous);
            }
        }
    }
}
