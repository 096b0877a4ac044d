package dev.distill.promptgenerator;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;

/** Test helpers around the campaign API. */
final class Campaigns {

    private Campaigns() {
    }

    static String create(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/campaigns")
                .then().statusCode(201).extract().path("id");
    }

    static JsonPath get(String id) {
        return given().when().get("/campaigns/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** Polls until the campaign leaves RUNNING; returns its final view. */
    static JsonPath awaitFinished(String id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonPath campaign = get(id);
            if (!"RUNNING".equals(campaign.getString("state"))) {
                return campaign;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("campaign " + id + " still RUNNING after " + timeout + ": " + campaign.prettify());
            }
            Thread.sleep(50);
        }
    }
}
