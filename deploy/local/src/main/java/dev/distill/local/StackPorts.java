package dev.distill.local;

import dev.distill.testing.KafkaBroker;

/** The ports of one local stack: fixed well-known ones for a person, free ones for a test run beside it. */
public record StackPorts(int kafka, int referenceTeacher, int promptGenerator, int teacherGateway, int datasetCurator,
        int trainer, int evaluator) {

    public static StackPorts standard() {
        return new StackPorts(9092, 8090, 8081, 8082, 8083, 8084, 8085);
    }

    public static StackPorts free() {
        return new StackPorts(KafkaBroker.freePort(), KafkaBroker.freePort(), KafkaBroker.freePort(),
                KafkaBroker.freePort(), KafkaBroker.freePort(), KafkaBroker.freePort(), KafkaBroker.freePort());
    }
}
