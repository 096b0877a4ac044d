package dev.distill.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.distill.events.EventCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** Polls a service's JSON status resource, through restarts (a refused connection is tried again). */
final class JsonStatus {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private JsonStatus() {
    }

    /** The first answer of {@code url} that {@code done} accepts; fails with the last answer after {@code timeout}. */
    static JsonNode await(String url, Predicate<JsonNode> done, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode status = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    status = EventCodec.mapper().readTree(response.body());
                    if (done.test(status)) {
                        return status;
                    }
                }
            } catch (IOException e) {
                // not answering for a moment (restarting); try again
            }
            Thread.sleep(50);
        }
        throw new AssertionError(url + " did not get there within " + timeout + "; last answer " + status);
    }
}
