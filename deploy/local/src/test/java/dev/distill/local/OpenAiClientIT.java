package dev.distill.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.distill.events.EventCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI client library (the {@code openai} npm package, run by Node.js) calls the gateway's proxy and
 * gets a well-formed answer from the reference teacher. The package is installed from npm into target/.
 */
class OpenAiClientIT {

    /** Pinned so a new client release cannot change what this test means without a commit. */
    private static final String OPENAI_NPM = "openai@7.59.0";

    @Test
    void theOfficialClientGetsAWellFormedAnswerThroughTheProxy() throws Exception {
        Path repo = Path.of("").toAbsolutePath().getParent().getParent();
        Path client = installClient(repo.resolve("deploy/local/target/openai-client"));
        StackOptions options = new StackOptions(repo, repo.resolve("deploy/local/target/openai-client-stack"),
                StackPorts.free(), "distill_openai_client", true, "v1", Map.of(),
                Set.of("reference-teacher", "teacher-gateway"));
        ProgressLog out = new ProgressLog(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);

        try (LocalStack stack = LocalStack.start(options, out)) {
            String output = run(client, List.of("node", "chat.mjs", stack.url("teacher-gateway") + "/v1", "reference"));
            JsonNode result = EventCodec.mapper().readTree(output.lines().reduce((a, b) -> b).orElseThrow());
            JsonNode completion = result.path("completion");

            assertThat(completion.path("object").asText()).isEqualTo("chat.completion");
            assertThat(completion.path("id").asText()).startsWith("chatcmpl-");
            JsonNode choice = completion.path("choices").get(0);
            assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
            assertThat(choice.path("message").path("content").asText()).contains("####");
            assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
            assertThat(choice.path("logprobs").path("content")).isNotEmpty();
            assertThat(choice.path("logprobs").path("content").get(0).path("top_logprobs")).hasSize(2);
            assertThat(completion.path("usage").path("total_tokens").asInt()).isPositive();
            assertThat(result.path("models")).extracting(JsonNode::asText).contains("reference");
        }
    }

    private static Path installClient(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("package.json"), "{\"private\":true,\"type\":\"module\"}\n");
        if (!Files.isDirectory(dir.resolve("node_modules/openai"))) {
            run(dir, List.of("npm", "install", "--no-audit", "--no-fund", "--no-save", OPENAI_NPM));
        }
        try (InputStream script = OpenAiClientIT.class.getResourceAsStream("/openai-client/chat.mjs")) {
            Files.copy(script, dir.resolve("chat.mjs"), StandardCopyOption.REPLACE_EXISTING);
        }
        return dir;
    }

    private static String run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + " failed:\n" + output).isZero();
        return output;
    }
}
