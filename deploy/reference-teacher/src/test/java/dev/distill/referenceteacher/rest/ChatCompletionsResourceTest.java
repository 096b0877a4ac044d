package dev.distill.referenceteacher.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.distill.skills.FinalAnswer;
import dev.distill.skills.Problem;
import dev.distill.skills.Skill;
import dev.distill.skills.SkillSuite;
import dev.distill.skills.Split;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ChatCompletionsResourceTest {

    private static final Skill ADDITION = SkillSuite.builtIn().get("addition");

    private static Map<String, Object> request(String prompt, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "model", "reference-teacher",
                "messages", List.of(Map.of("role", "system", "content", "You are a careful tutor."),
                        Map.of("role", "user", "content", prompt)),
                "temperature", 0.0));
        body.putAll(extra);
        return body;
    }

    private static JsonPath post(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/v1/chat/completions")
                .then().statusCode(200).header("x-teacher-version", "v1")
                .extract().jsonPath();
    }

    @Test
    void answersEveryBuiltInSkillMostlyRightAsVersionOneDoes() {
        SkillSuite suite = SkillSuite.builtIn();
        for (String name : suite.names()) {
            Skill skill = suite.get(name);
            int right = 0;
            for (int i = 0; i < 20; i++) {
                dev.distill.skills.Problem problem = skill.generate(dev.distill.skills.Split.TRAIN.seed(3, i), 1 + i % skill.maxDifficulty());
                String content = post(request(problem.prompt(), Map.of("max_tokens", 4096)))
                        .getString("choices[0].message.content");
                assertThat(dev.distill.skills.FinalAnswer.extract(content)).as(name + ": " + problem.prompt()).isPresent();
                right += skill.verify(problem, content) ? 1 : 0;
            }
            // v1 is wrong on about 15% of the prompts it recognises, and right on the rest
            assertThat(right).as(name + " answers right out of 20").isBetween(12, 20);
        }
    }

    @Test
    void modelsListsTheVersionedModel() {
        given().when().get("/v1/models").then().statusCode(200)
                .body("object", equalTo("list"))
                .body("data.size()", equalTo(1))
                .body("data[0].id", equalTo("reference-teacher-v1"))
                .body("data[0].object", equalTo("model"))
                .body("data[0].owned_by", equalTo("distill"))
                .body("data[0].created", org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void completionHasTheOpenAiShapeAndAWorkedAnswer() {
        Problem problem = ADDITION.generate(Split.TRAIN.seed(1, 0), 2);
        JsonPath json = post(request(problem.prompt(), Map.of()));
        assertThat(json.getString("id")).startsWith("chatcmpl-");
        assertThat(json.getString("object")).isEqualTo("chat.completion");
        assertThat(json.getLong("created")).isGreaterThan(1_600_000_000L);
        assertThat(json.getString("model")).isEqualTo("reference-teacher-v1");
        assertThat(json.getList("choices")).hasSize(1);
        assertThat(json.getInt("choices[0].index")).isZero();
        assertThat(json.getString("choices[0].message.role")).isEqualTo("assistant");
        String content = json.getString("choices[0].message.content");
        assertThat(FinalAnswer.extract(content)).isPresent();
        assertThat(json.getString("choices[0].finish_reason")).isEqualTo("stop");
        assertThat((Object) json.get("choices[0].logprobs")).isNull();
        assertThat(json.getMap("choices[0]")).containsKey("logprobs"); // present, null when not asked for
        int promptTokens = "You are a careful tutor.".length() + problem.prompt().length();
        assertThat(json.getInt("usage.prompt_tokens")).isEqualTo(promptTokens);
        assertThat(json.getInt("usage.completion_tokens")).isEqualTo(content.length());
        assertThat(json.getInt("usage.total_tokens")).isEqualTo(promptTokens + content.length());
    }

    @Test
    void sameRequestGivesTheSameAnswerAndLogprobs() {
        Problem problem = ADDITION.generate(Split.EVAL.seed(3, 9), 3);
        Map<String, Object> body = request(problem.prompt(), Map.of("logprobs", true, "top_logprobs", 3));
        JsonPath first = post(body);
        JsonPath second = post(body);
        assertThat(second.getString("choices[0].message.content")).isEqualTo(first.getString("choices[0].message.content"));
        assertThat(second.getList("choices[0].logprobs.content.logprob"))
                .isEqualTo(first.getList("choices[0].logprobs.content.logprob"));
        assertThat(second.getString("id")).isNotEqualTo(first.getString("id"));
    }

    @Test
    void recognisedAnswersAreRightExceptForTheVersionsMistakes() {
        int right = 0;
        for (int i = 0; i < 40; i++) {
            Problem problem = ADDITION.generate(Split.TRAIN.seed(11, i), 2);
            String content = post(request(problem.prompt(), Map.of())).getString("choices[0].message.content");
            if (ADDITION.verify(problem, content)) {
                right++;
                assertThat(content).isEqualTo(ADDITION.solve(problem));
            } else {
                assertThat(FinalAnswer.extract(content)).isPresent(); // wrong, but still a worked answer
            }
        }
        assertThat(right).isBetween(28, 40); // v1 is wrong on ~15%: 6 of 40 expected
    }

    @Test
    void wrongAnswersShowLowConfidenceWhereRightOnesDoNot() {
        int wrong = 0;
        for (int i = 0; i < 40; i++) {
            Problem problem = ADDITION.generate(Split.TRAIN.seed(11, i), 2);
            JsonPath json = post(request(problem.prompt(), Map.of("logprobs", true)));
            double lowest = json.getList("choices[0].logprobs.content.logprob").stream()
                    .mapToDouble(o -> ((Number) o).doubleValue()).min().orElseThrow();
            if (ADDITION.verify(problem, json.getString("choices[0].message.content"))) {
                assertThat(lowest).as("a right answer is confident throughout").isGreaterThanOrEqualTo(-0.2);
            } else {
                wrong++;
                assertThat(lowest).as("a wrong answer hesitates where it goes wrong").isLessThan(-0.69);
            }
        }
        assertThat(wrong).isPositive();
    }

    @Test
    void logprobsHaveKDistinctSortedAlternativesPerToken() {
        Problem problem = ADDITION.generate(Split.TRAIN.seed(5, 1), 3);
        JsonPath json = post(request(problem.prompt(), Map.of("logprobs", true, "top_logprobs", 5)));
        String content = json.getString("choices[0].message.content");
        List<Map<String, Object>> tokens = json.getList("choices[0].logprobs.content");
        assertThat(tokens).hasSize(content.codePointCount(0, content.length()));
        StringBuilder rebuilt = new StringBuilder();
        for (Map<String, Object> token : tokens) {
            String text = (String) token.get("token");
            rebuilt.append(text);
            double logprob = ((Number) token.get("logprob")).doubleValue();
            assertThat(logprob).isLessThanOrEqualTo(0.0);
            assertThat(bytes(token)).isEqualTo(utf8(text));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> top = (List<Map<String, Object>>) token.get("top_logprobs");
            assertThat(top).hasSize(5);
            assertThat(new HashSet<>(top.stream().map(t -> t.get("token")).toList())).hasSize(5);
            double previous = 0;
            double mass = 0;
            for (Map<String, Object> alt : top) {
                double lp = ((Number) alt.get("logprob")).doubleValue();
                assertThat(lp).isLessThanOrEqualTo(previous);
                previous = lp;
                mass += Math.exp(lp);
                assertThat(bytes(alt)).isEqualTo(utf8((String) alt.get("token")));
            }
            assertThat(mass).isLessThanOrEqualTo(1.0 + 1e-9);
        }
        assertThat(rebuilt.toString()).isEqualTo(content);
    }

    @Test
    void logprobsWithoutTopGiveEmptyAlternatives() {
        JsonPath json = post(request("What is 2 + 3?", Map.of("logprobs", true)));
        assertThat(json.getList("choices[0].logprobs.content")).isNotEmpty();
        assertThat(json.getList("choices[0].logprobs.content[0].top_logprobs")).isEmpty();
    }

    @Test
    void maxTokensTruncatesWithFinishReasonLength() {
        Problem problem = ADDITION.generate(Split.TRAIN.seed(2, 2), 4);
        String full = post(request(problem.prompt(), Map.of())).getString("choices[0].message.content");
        JsonPath json = post(request(problem.prompt(), Map.of("max_tokens", 7, "logprobs", true, "top_logprobs", 2)));
        assertThat(json.getString("choices[0].message.content")).isEqualTo(full.substring(0, 7));
        assertThat(json.getString("choices[0].finish_reason")).isEqualTo("length");
        assertThat(json.getList("choices[0].logprobs.content")).hasSize(7);
        assertThat(json.getInt("usage.completion_tokens")).isEqualTo(7);

        JsonPath roomy = post(request(problem.prompt(), Map.of("max_tokens", full.length())));
        assertThat(roomy.getString("choices[0].finish_reason")).isEqualTo("stop");
        assertThat(roomy.getString("choices[0].message.content")).isEqualTo(full);
    }

    @Test
    void unrecognisedPromptGetsAPoliteAnswerWithoutFinalAnswer() {
        JsonPath json = post(request("Write me a poem about Kafka.", Map.of()));
        String content = json.getString("choices[0].message.content");
        assertThat(content).contains("reference teacher").doesNotContain(FinalAnswer.MARKER);
        assertThat(json.getString("choices[0].finish_reason")).isEqualTo("stop");
    }

    @Test
    void missingMessagesIsAnOpenAiError() {
        given().contentType(ContentType.JSON).body(Map.of("model", "reference-teacher"))
                .when().post("/v1/chat/completions")
                .then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo("messages"))
                .body("error.message", startsWith("'messages'"));
    }

    @Test
    void moreThanOneChoiceIsRefused() {
        given().contentType(ContentType.JSON).body(request("What is 1 + 1?", Map.of("n", 2)))
                .when().post("/v1/chat/completions")
                .then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo("n"));
    }

    @Test
    void otherBadRequestsNameTheirParameter() {
        given().contentType(ContentType.JSON).body(request("What is 1 + 1?", Map.of("logprobs", true, "top_logprobs", 21)))
                .when().post("/v1/chat/completions").then().statusCode(400).body("error.param", equalTo("top_logprobs"));
        given().contentType(ContentType.JSON).body(request("What is 1 + 1?", Map.of("top_logprobs", 3)))
                .when().post("/v1/chat/completions").then().statusCode(400).body("error.param", equalTo("top_logprobs"));
        given().contentType(ContentType.JSON).body(request("What is 1 + 1?", Map.of("max_tokens", 0)))
                .when().post("/v1/chat/completions").then().statusCode(400).body("error.param", equalTo("max_tokens"));
        given().contentType(ContentType.JSON).body(request("What is 1 + 1?", Map.of("model", "gpt-4o")))
                .when().post("/v1/chat/completions").then().statusCode(404)
                .body("error.code", equalTo("model_not_found")).body("error.param", equalTo("model"));
        given().contentType(ContentType.JSON).body("{\"messages\": [")
                .when().post("/v1/chat/completions").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error")).body("error.code", nullValue());
    }

    @Test
    void openApiStillDescribesTheRequestBody() {
        // the body is read as text (so unparseable requests are counted); the schema must still name the request
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/v1/chat/completions'.post.requestBody.content.'application/json'.schema.'$ref'",
                        org.hamcrest.Matchers.endsWith("/ChatCompletionRequest"));
    }

    @Test
    void versionedModelIdIsAccepted() {
        post(request("What is 1 + 1?", Map.of("model", "reference-teacher-v1")));
    }

    private static int[] bytes(Map<String, Object> token) {
        @SuppressWarnings("unchecked")
        List<Integer> list = (List<Integer>) token.get("bytes");
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] utf8(String text) {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        int[] out = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = raw[i] & 0xff;
        }
        return out;
    }
}
