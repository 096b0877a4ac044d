package dev.distill.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./distill demo} runs a whole distillation on the local stack and prints a summary;
 * {@code ./distill up} starts the stack and leaves it running until Ctrl-C ({@code --monitoring}: with a Prometheus
 * scraping it, {@link LocalPrometheus});
 * {@code ./distill bench-gateway} measures the teacher gateway ({@link GatewayBenchmark});
 * {@code ./distill bench-generator} measures the prompt-generator's emission rate ({@link GeneratorBenchmark});
 * {@code ./distill bench-kd} compares top-k KD with cross-entropy ({@link KdBenchmark});
 * {@code ./distill bench-curator} measures the dataset-curator's filter chain against a large dataset
 * ({@link CuratorBenchmark}).
 */
public final class DistillCli {

    private DistillCli() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "help" : args[0];
        ProgressLog out = ProgressLog.console();
        try {
            switch (command) {
                case "demo" -> demo(out);
                case "up" -> up(out, java.util.Arrays.asList(args).contains("--monitoring"));
                case "bench-gateway" -> GatewayBenchmark.run(repoRoot(),
                        GatewayBenchmark.parseConcurrencies(args.length > 1 ? args[1] : "64,256"),
                        args.length > 2 ? Integer.parseInt(args[2]) : 20, out);
                case "bench-generator" -> GeneratorBenchmark.run(repoRoot(),
                        args.length > 1 ? Integer.parseInt(args[1]) : 100_000, out);
                case "bench-curator" -> CuratorBenchmark.run(repoRoot(),
                        args.length > 1 ? Integer.parseInt(args[1]) : 20_000,
                        args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000,
                        args.length > 3 ? Integer.parseInt(args[3]) : 300_000, out);
                case "bench-kd" -> KdBenchmark.run(repoRoot(),
                        args.length > 1 ? Integer.parseInt(args[1]) : 1000,
                        args.length > 2 ? Integer.parseInt(args[2]) : 50, out);
                default -> {
                    System.out.println("""
                            usage: ./distill demo   run a distillation on the local stack and print a summary
                                   ./distill up [--monitoring]
                                                    start the local stack and keep it running (Ctrl-C stops it);
                                                    --monitoring also starts Prometheus scraping every service
                                   ./distill bench-gateway [C,C,...] [seconds]
                                                    measure the teacher gateway against a 50 ms teacher
                                   ./distill bench-generator [count]
                                                    measure the prompt-generator's emission rate against a raw
                                                    Kafka producer (count defaults to 100000)
                                   ./distill bench-kd [steps] [eval-every]
                                                    train a ce and a kd tiny student on the same batches of
                                                    reference-teacher answers (top-5 logprobs) and compare held-out
                                                    exact match (defaults 1000 steps, every 50)
                                   ./distill bench-curator [count] [indexed] [warm-up]
                                                    measure the dataset-curator's filter chain with indexed samples
                                                    already in the dataset against a raw Kafka consumer, after
                                                    warm-up responses of another version (count defaults to 20000,
                                                    indexed to 1000000, warm-up to 300000)""");
                    System.exit(command.equals("help") || command.equals("--help") ? 0 : 2);
                }
            }
        } catch (StackFailure e) {
            System.err.println();
            System.err.println("distill: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.err.println("distill: " + e);
            System.exit(1);
        }
    }

    private static void demo(ProgressLog out) {
        DemoSettings settings = DemoSettings.standard();
        StackOptions options = new StackOptions(repoRoot(), repoRoot().resolve("target/local"), StackPorts.standard(),
                "distill_demo", true, "v1", demoServiceProps(settings));
        try (LocalStack stack = startWithShutdownHook(options, out)) {
            DemoResult result = new DemoRun(stack, settings, out).run();
            out.info("logs: " + stack.workDir().resolve("logs"));
            if (result.benchmarks().isEmpty()) {
                throw new StackFailure("no checkpoint was evaluated before the time limit; see the logs above");
            }
        }
    }

    /** The trainer's budget and the evaluator's suite size for a demo that fits in a few minutes on 2 cores. */
    static Map<String, Map<String, String>> demoServiceProps(DemoSettings settings) {
        return Map.of(
                "trainer", Map.of(
                        "distill.trainer.max-steps", Integer.toString(settings.trainSteps()),
                        "distill.trainer.checkpoint-every", Integer.toString(settings.checkpointEvery())),
                "evaluator", Map.of(
                        "distill.evaluator.builtin.skills", "addition", // the skill the demo campaign teaches
                        "distill.evaluator.builtin.prompts", Integer.toString(settings.evalPrompts()),
                        "distill.evaluator.builtin.difficulty", Integer.toString(settings.difficulty())));
    }

    private static void up(ProgressLog out, boolean monitoring) {
        StackOptions options = new StackOptions(repoRoot(), repoRoot().resolve("target/local"), StackPorts.standard(),
                "distill", false, "v1", Map.of())
                .withMonitoring(monitoring ? Monitoring.every(Duration.ofSeconds(5)) : Monitoring.OFF);
        LocalStack stack = startWithShutdownHook(options, out);
        out.info("");
        out.info("Kafka bootstrap  " + stack.bootstrapServers());
        stack.servicePorts().keySet().stream().sorted().forEach(name ->
                out.info(String.format("%-16s %s  (health %s/q/health, metrics %s/q/metrics)", name, stack.url(name),
                        stack.url(name), stack.url(name))));
        stack.prometheusUrl().ifPresent(url -> out.info(String.format("%-16s %s  (alerts %s/alerts, rules from "
                + "deploy/prometheus/distill-rules.yaml)", "prometheus", url, url)));
        out.info("written to " + stack.stackFile());
        out.info("Ctrl-C stops every process.");
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static LocalStack startWithShutdownHook(StackOptions options, ProgressLog out) {
        LocalStack stack = LocalStack.start(options, out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stack.isRunning()) {
                out.info("stopping the stack...");
                stack.close();
            }
        }, "stack-shutdown"));
        return stack;
    }

    private static Path repoRoot() {
        return Path.of(System.getProperty("distill.root", ".")).toAbsolutePath().normalize();
    }

}
