package dev.distill.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RouteTest {

    @Test
    void canarySplitFollowsThePercentageAndIsStablePerPrompt() {
        Route route = new Route("t", "v1", "v2", 20);
        long canary = IntStream.range(0, 10_000).mapToObj(i -> "p-" + i).filter(id -> route.versionFor(id).equals("v2")).count();
        assertThat(canary).isBetween(1_800L, 2_200L);
        String id = UUID.randomUUID().toString();
        assertThat(IntStream.range(0, 10).mapToObj(i -> route.versionFor(id)).distinct()).hasSize(1);
        assertThat(new Route("t", "v1", null, 0).versionFor(id)).isEqualTo("v1");
        assertThat(new Route("t", "v1", "v2", 100).versionFor(id)).isEqualTo("v2");
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new Route("t", "v1", "v2", 101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Route("t", "v1", null, 10)).hasMessageContaining("canary version");
    }

    @Test
    void apiKeyIsReadFromTheReferenceAndARawKeyIsRefusedWithoutBeingRepeated() throws Exception {
        assertThat(new ApiKeySource("env:KEY").resolve(name -> name.equals("KEY") ? " sk-1 " : null, null)).isEqualTo("sk-1");
        assertThat(new ApiKeySource("config").resolve(name -> null, "sk-2")).isEqualTo("sk-2");
        java.nio.file.Path file = java.nio.file.Files.createTempFile("key", ".txt");
        java.nio.file.Files.writeString(file, "sk-3\n");
        assertThat(new ApiKeySource("file:" + file).resolve(name -> null, null)).isEqualTo("sk-3");
        assertThat(ApiKeySource.NONE.resolve(name -> null, "ignored")).isNull();
        assertThatThrownBy(() -> new ApiKeySource("sk-raw-secret")).isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("sk-raw-secret");
        assertThatThrownBy(() -> new ApiKeySource("env:MISSING").resolve(name -> null, null))
                .hasMessageContaining("MISSING");
    }
}
