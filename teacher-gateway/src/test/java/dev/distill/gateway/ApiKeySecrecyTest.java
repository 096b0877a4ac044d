package dev.distill.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.events.EventCodec;
import dev.distill.events.PromptEvent;
import dev.distill.events.Topics;
import dev.distill.testing.DistillTestResource;
import dev.distill.testing.PostgresDatabases;
import dev.distill.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Plants a recognisable API key, provokes a teacher that echoes it back in an error (as real servers do), and then
 * searches every output of the gateway for it: log file, every topic it writes (values and headers), REST and
 * metrics responses, and its database tables.
 */
@QuarkusTest
@WithTestResource(DistillTestResource.class)
@WithTestResource(FakeTeacherResource.class)
class ApiKeySecrecyTest {

    private static final String KEY = FakeTeacherResource.API_KEY;

    @Test
    void thePlantedKeyAppearsInNoOutput() throws Exception {
        String bootstrap = DistillTestResource.broker().bootstrapServers();
        PromptEvent echo = TeacherGatewayTest.prompt("What is 3 + 4? [echo-key]", 0);
        TeacherGatewayTest.send(echo);
        ConsumerRecord<String, String> dead = TeacherGatewayTest.deadLetter(echo.promptId());
        assertThat(TopicProbe.headers(dead).get("dead-letter-reason")).contains("HTTP 401").contains("Bearer ***");
        // the teacher did get the key (so it was there to leak)
        assertThat(FakeTeacherResource.teacher().receivedWith(echo.promptId()).get(0).authorization()).contains(KEY);

        String proxied = given().contentType(ContentType.JSON)
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi [echo-key] " + UUID.randomUUID() + "\"}]}")
                .post("/v1/chat/completions").then().statusCode(401).extract().asString();
        TeacherGatewayTest.send(TeacherGatewayTest.prompt("What is 3 + 4?", 2));

        List<String> outputs = new ArrayList<>();
        outputs.add(proxied);
        for (String topic : List.of(Topics.PROMPTS, Topics.dlq(Topics.PROMPTS), Topics.TEACHER_RESPONSES, Topics.TEACHER_VERSIONS)) {
            for (ConsumerRecord<String, String> record : TopicProbe.all(bootstrap, topic)) {
                outputs.add(record.key() + " " + record.value() + " " + TopicProbe.headers(record));
            }
        }
        for (String path : List.of("/teachers", "/v1/models", "/q/metrics", "/q/health", "/q/openapi")) {
            outputs.add(given().get(path).then().extract().asString());
        }
        try (Connection c = DriverManager.getConnection(PostgresDatabases.jdbcUrl(DistillTestResource.DATABASE),
                PostgresDatabases.user(), PostgresDatabases.password());
                Statement s = c.createStatement()) {
            for (String table : List.of("teachers", "teacher_versions", "response_cache", "cost_ledger")) {
                try (ResultSet rows = s.executeQuery("select t::text from teacher_gateway." + table + " t")) {
                    while (rows.next()) {
                        outputs.add(rows.getString(1));
                    }
                }
            }
        }
        Thread.sleep(500); // let the log file catch up
        outputs.add(Files.readString(Path.of("target", "teacher-gateway-test.log")));

        assertThat(outputs).hasSizeGreaterThan(10).noneMatch(text -> text != null && text.contains(KEY));
        assertThat(String.join("\n", outputs)).contains(echo.promptId()); // the search did see this test's traffic
    }
}
