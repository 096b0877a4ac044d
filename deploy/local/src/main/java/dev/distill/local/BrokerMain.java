package dev.distill.local;

import dev.distill.testing.KafkaBroker;
import dev.distill.events.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Runs the one-node KRaft broker as its own process for the local stack. Arguments: data directory, port,
 * partitions per topic. Creates the platform's topics, then prints {@code READY <bootstrap>} once it accepts connections.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int controllerPort = args.length > 3 ? Integer.parseInt(args[3]) : KafkaBroker.freePort();
        KafkaBroker broker = KafkaBroker.start(dataDir, port, controllerPort, partitions);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-shutdown"));
        createTopics(broker.bootstrapServers(), partitions);
        System.out.println("READY " + broker.bootstrapServers());
        System.out.flush();
        Thread.currentThread().join();
    }

    /**
     * The platform's topics exist before any service starts, as in a cluster. Left to auto-creation, the first
     * producers of a topic wait for its metadata while it is being created, and replicas starting together race on it.
     */
    private static void createTopics(String bootstrap, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.ALL.stream().filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, partitions, (short) 1)).toList();
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the platform's topics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the platform's topics", e);
        }
    }
}
