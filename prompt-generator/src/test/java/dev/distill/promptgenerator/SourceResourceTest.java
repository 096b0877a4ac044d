package dev.distill.promptgenerator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.distill.events.EventCodec;
import dev.distill.events.PromptEvent;
import dev.distill.events.Topics;
import dev.distill.testing.DistillTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prompt files: uploaded or read by path, bad lines reported by number, the good ones emitted once each. */
@QuarkusTest
@WithTestResource(DistillTestResource.class)
class SourceResourceTest {

    private static final String FILE = String.join("\n",
            "{\"prompt\": \"What is 2 + 2?\", \"reference\": \"4\", \"verifier\": \"exact\", \"skill\": \"addition\"}",
            "{\"messages\": [{\"role\": \"system\", \"content\": \"Be brief.\"}, {\"role\": \"user\", \"content\": \"Name a prime.\"}]}",
            "{\"prompt\": \"unterminated",
            "",
            "{\"reference\": \"7\"}",
            "{\"prompt\": \"  what is 2 +  2? \"}", // the first prompt again, after normalisation
            "{\"prompt\": \"كم يساوي ٣ + ٤؟\", \"reference\": \"7\"}",
            "{\"messages\": [{\"role\": \"user\", \"content\": \"Say hi.\"}, {\"role\": \"assistant\", \"content\": \"hi\"}]}",
            "{\"prompt\": \"" + "x".repeat(70_000) + "\"}",
            "{\"prompt\": \"Last line without a newline\"}");

    private static JsonPath upload(String body) {
        return given().contentType("application/jsonl").body(body.getBytes(StandardCharsets.UTF_8))
                .queryParam("name", "planted")
                .when().post("/sources").then().statusCode(201).extract().jsonPath();
    }

    @Test
    void anUploadCountsValidLinesAndReportsBadOnesByLineNumber() {
        JsonPath source = upload(FILE);
        assertThat(source.getLong("linesTotal")).isEqualTo(10);
        assertThat(source.getLong("linesValid")).isEqualTo(6);
        assertThat(source.getLong("linesInvalid")).isEqualTo(3);
        assertThat(source.getList("errors.line", Integer.class)).containsExactly(3, 5, 9);
        assertThat(source.getString("errors[0].reason")).contains("invalid JSON");
        assertThat(source.getString("errors[1].reason")).contains("missing \"prompt\" or \"messages\"");
        assertThat(source.getString("errors[2].reason")).contains("longer than 65536 bytes");
        given().when().get("/sources/" + source.getString("id")).then().statusCode(200)
                .body("linesValid", equalTo(6)).body("errors[0].line", equalTo(3));
        given().when().get("/sources/no-such").then().statusCode(404);
    }

    @Test
    void aFileCampaignEmitsEachDistinctValidLineOnceAndShowsTheBadLines() throws Exception {
        String sourceId = upload(FILE).getString("id");
        String id = Campaigns.create(Map.of("name", "from a file", "source", sourceId, "ratePerSecond", 1000));
        JsonPath done = Campaigns.awaitFinished(id, Duration.ofSeconds(30));
        assertThat(done.getString("state")).isEqualTo("COMPLETED");
        assertThat(done.getLong("requestedCount")).isEqualTo(6);
        assertThat(done.getLong("emittedCount")).isEqualTo(5);
        assertThat(done.getLong("duplicateCount")).isEqualTo(1);
        assertThat(done.getString("completionNote")).contains("5 distinct prompts");
        assertThat(done.getLong("fileErrors.invalidLines")).isEqualTo(3);
        assertThat(done.getList("fileErrors.lines.line", Integer.class)).containsExactly(3, 5, 9);

        List<PromptEvent> prompts = TopicContents.readAll(DistillTestResource.broker().bootstrapServers(), Topics.PROMPTS)
                .stream().filter(r -> r.key().startsWith(id + "-")).map(r -> EventCodec.fromJson(r.value(), PromptEvent.class))
                .toList();
        assertThat(prompts).hasSize(5).allMatch(p -> p.source().equals("file"));
        PromptEvent first = prompts.stream().filter(p -> p.promptId().equals(id + "-0")).findFirst().orElseThrow();
        assertThat(first.messages().get(0).content()).isEqualTo("What is 2 + 2?");
        assertThat(first.reference().answer()).isEqualTo("4");
        assertThat(first.reference().verifier()).isEqualTo("exact");
        assertThat(first.skill()).isEqualTo("addition");
        assertThat(prompts).anySatisfy(p -> assertThat(p.messages()).extracting(m -> m.role())
                .containsExactly("system", "user"));
        assertThat(prompts).anySatisfy(p -> assertThat(p.messages().get(0).content()).isEqualTo("كم يساوي ٣ + ٤؟"));
        assertThat(prompts).anySatisfy(p -> assertThat(p.messages()).singleElement()
                .satisfies(m -> assertThat(m.content()).isEqualTo("Say hi."))); // the trailing answer is not part of it
        assertThat(prompts).noneMatch(p -> p.messages().get(0).content().strip().equals("what is 2 +  2?"));
    }

    @Test
    void aFileIsReadByPathOnlyInsideTheSourcesDirectory() throws Exception {
        Path directory = Path.of("target/test-sources");
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("few.jsonl"), "{\"prompt\": \"one\"}\n{\"prompt\": \"two\"}\n");
        given().contentType(ContentType.JSON).body(Map.of("path", "few.jsonl")).when().post("/sources")
                .then().statusCode(201).body("linesValid", equalTo(2)).body("origin", equalTo("path"));
        given().contentType(ContentType.JSON).body(Map.of("path", "../pom.xml")).when().post("/sources")
                .then().statusCode(400).body("field", equalTo("path")).body("message", containsString("inside"));
        given().contentType(ContentType.JSON).body(Map.of("path", "missing.jsonl")).when().post("/sources")
                .then().statusCode(400).body("message", containsString("no readable file"));
    }

    @Test
    void aFileCampaignRefusesSkillsAndACountBeyondItsLines() {
        String sourceId = upload("{\"prompt\": \"only one\"}\n").getString("id");
        given().contentType(ContentType.JSON).body(Map.of("name", "too many", "source", sourceId, "count", 2,
                "ratePerSecond", 10)).when().post("/campaigns").then().statusCode(400).body("field", equalTo("count"));
        String empty = upload("not json\n").getString("id");
        given().contentType(ContentType.JSON).body(Map.of("name", "empty", "source", empty, "ratePerSecond", 10))
                .when().post("/campaigns").then().statusCode(400).body("message", containsString("no valid lines"));
    }
}
