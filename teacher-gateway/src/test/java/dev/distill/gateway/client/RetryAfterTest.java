package dev.distill.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    @Test
    void readsSecondsAndHttpDatesAndIgnoresGarbage() {
        assertThat(TeacherEndpoint.retryAfter("2")).isEqualTo(Duration.ofSeconds(2));
        assertThat(TeacherEndpoint.retryAfter("0.5")).isEqualTo(Duration.ofMillis(500));
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
        assertThat(TeacherEndpoint.retryAfter(inTenSeconds)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
        assertThat(TeacherEndpoint.retryAfter("soon")).isNull();
        assertThat(TeacherEndpoint.retryAfter(null)).isNull();
    }
}
