package dev.distill.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.distill.events.EventCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI client library (the {@code openai} npm package, run by Node.js) calls the gateway's proxy and
 * gets a well-formed answer from the reference teacher. The package is installed from npm into target/.
 */
class OpenAiClientIT {

    /** Pinned so a new client release cannot change what this test means without a commit. */

    @Test
    void theOfficialClientGetsAWellFormedAnswerThroughTheProxy() throws Exception {
        Path repo = Path.of("").toAbsolutePath().getParent().getParent();
        Path client = OpenAiNodeClient.install(repo.resolve("deploy/local/target/openai-client"), "chat.mjs");
        StackOptions options = new StackOptions(repo, repo.resolve("deploy/local/target/openai-client-stack"),
                StackPorts.free(), "distill_openai_client", true, "v1", Map.of(),
                Set.of("reference-teacher", "teacher-gateway"));
        ProgressLog out = new ProgressLog(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);

        try (LocalStack stack = LocalStack.start(options, out)) {
            String output = OpenAiNodeClient.run(client,
                    List.of("node", "chat.mjs", stack.url("teacher-gateway") + "/v1", "reference"));
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
}
