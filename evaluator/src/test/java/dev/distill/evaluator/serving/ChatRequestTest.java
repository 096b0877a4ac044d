package dev.distill.evaluator.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distill.model.ChatTurn;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatRequestTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ChatRequest parse(String body) {
        return ChatRequest.parse(MAPPER, body);
    }

    private static void refused(String body, String param, String messagePart) {
        assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(OpenAiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            OpenAiException.ErrorBody error = (OpenAiException.ErrorBody) e.response().getEntity();
            assertThat(error.error().type()).isEqualTo("invalid_request_error");
            assertThat(error.error().param()).isEqualTo(param);
            assertThat(error.error().message()).contains(messagePart);
        });
    }

    @Test
    void readsTurnsLimitsTemperatureAndSeed() {
        ChatRequest request = parse("""
                {"model":"s","messages":[{"role":"developer","content":"be brief"},
                 {"role":"user","content":[{"type":"text","text":"2+"},{"type":"text","text":"2?"}]},
                 {"role":"assistant","content":"4"},{"role":"user","content":"and 3+3?"}],
                 "max_tokens":12,"temperature":0.7,"seed":42,"stream":false,"n":1}""");
        assertThat(request.model()).contains("s");
        assertThat(request.turns()).containsExactly(ChatTurn.system("be brief"), ChatTurn.user("2+2?"),
                ChatTurn.assistant("4"), ChatTurn.user("and 3+3?"));
        assertThat(request.maxTokens()).contains(12);
        assertThat(request.temperature()).isEqualTo(0.7);
        assertThat(request.seed()).contains(42L);
        assertThat(request.stream()).isFalse();
        assertThat(request.includeUsage()).isFalse();
    }

    @Test
    void readsStreamingAndWhetherToEndWithUsage() {
        String ok = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
        ChatRequest streamed = parse("{" + ok + ",\"stream\":true}");
        assertThat(streamed.stream()).isTrue();
        assertThat(streamed.includeUsage()).isFalse();
        assertThat(parse("{" + ok + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}").includeUsage())
                .isTrue();
    }

    @Test
    void defaultsToGreedyWithTheServedLimitAndPrefersMaxCompletionTokens() {
        ChatRequest request = parse("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(request.model()).isEmpty();
        assertThat(request.maxTokens()).isEmpty();
        assertThat(request.temperature()).isZero();
        assertThat(request.seed()).isEmpty();
        assertThat(parse("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":9,"
                + "\"max_completion_tokens\":5}").maxTokens()).contains(5);
    }

    @Test
    void refusesMalformedRequestsNamingTheParameter() {
        refused("not json", null, "not valid JSON");
        refused("", null, "JSON object");
        refused("[1]", null, "JSON object");
        refused("{}", "messages", "non-empty array");
        refused("{\"messages\":[]}", "messages", "non-empty array");
        refused("{\"messages\":[\"hi\"]}", "messages[0]", "object");
        refused("{\"messages\":[{\"role\":\"robot\",\"content\":\"hi\"}]}", "messages[0].role", "'robot'");
        refused("{\"messages\":[{\"role\":\"user\",\"content\":\"\"}]}", "messages[0].content", "empty");
        refused("{\"messages\":[{\"role\":\"user\"}]}", "messages[0].content", "string or a list");
        refused("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\"}]}]}",
                "messages[0].content", "text content");
        String ok = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
        refused("{" + ok + ",\"stream\":\"yes\"}", "stream", "true or false");
        refused("{" + ok + ",\"stream_options\":{\"include_usage\":true}}", "stream_options", "only allowed");
        refused("{" + ok + ",\"stream\":true,\"stream_options\":{\"include_usage\":1}}",
                "stream_options.include_usage", "true or false");
        refused("{" + ok + ",\"n\":2}", "n", "n must be 1");
        refused("{" + ok + ",\"tools\":[]}", "tools", "not supported");
        refused("{" + ok + ",\"max_tokens\":0}", "max_tokens", "positive");
        refused("{" + ok + ",\"max_tokens\":\"ten\"}", "max_tokens", "positive");
        refused("{" + ok + ",\"temperature\":3}", "temperature", "0..2");
        refused("{" + ok + ",\"seed\":1.5}", "seed", "integer");
        refused("{" + ok + ",\"model\":7}", "model", "string");
    }

    @Test
    void keepsEveryTurnInOrder() {
        assertThat(parse("{\"messages\":[{\"role\":\"system\",\"content\":\"a\"},{\"role\":\"user\",\"content\":\"b\"}]}")
                .turns()).extracting(ChatTurn::role).isEqualTo(List.of("system", "user"));
    }
}
