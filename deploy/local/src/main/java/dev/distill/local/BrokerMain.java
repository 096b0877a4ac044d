package dev.distill.local;

import dev.distill.testing.KafkaBroker;
import java.nio.file.Path;

/**
 * Runs the one-node KRaft broker as its own process for the local stack. Arguments: data directory, port,
 * partitions per topic. Prints {@code READY <bootstrap>} once it accepts connections.
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
        System.out.println("READY " + broker.bootstrapServers());
        System.out.flush();
        Thread.currentThread().join();
    }
}
