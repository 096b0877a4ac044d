package dev.distill.promptgenerator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.distill.testing.DistillTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(DistillTestResource.class)
class HealthTest {

    @Test
    void readyIsUpWithKafkaAndDatabaseChecks() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check"))
                .body("checks.find { it.name.toLowerCase().contains('kafka') }.status", equalTo("UP"));
    }

    @Test
    void openApiAndMetricsAreServed() {
        given().when().get("/q/openapi").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
    }
}
