package dev.distill.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Map;

/** How the gateway treats every teacher: input limits, retries, the circuit breaker, prices, capture. */
@ConfigMapping(prefix = "distill.gateway")
public interface GatewayConfig {

    /** A prompt whose messages hold more characters than this goes to the DLQ without a teacher call. */
    @WithDefault("32000")
    int maxPromptChars();

    /** max_tokens of a proxied request that gives none. */
    @WithDefault("1024")
    int proxyDefaultMaxTokens();

    /** How often the registry is re-read from PostgreSQL, so every instance follows version changes. */
    @WithDefault("2s")
    Duration registryRefresh();

    Retry retry();

    Circuit circuit();

    /**
     * USD per 1000 tokens, keyed by {@code <teacher>} or {@code <teacher>@<version>} (the more specific wins);
     * a teacher without a price costs 0.
     */
    @WithName("prices")
    Map<String, Price> prices();

    Capture capture();

    interface Retry {
        /** HTTP attempts per request before the prompt goes to the DLQ. */
        @WithDefault("5")
        int maxAttempts();

        /** Backoff before the second attempt; doubles each time, with full jitter. */
        @WithDefault("200ms")
        Duration initialBackoff();

        /** Longest backoff, and the cap on a teacher's Retry-After. */
        @WithDefault("30s")
        Duration maxBackoff();
    }

    interface Circuit {
        /** Consecutive failed calls that open a teacher's circuit. */
        @WithDefault("8")
        int failureThreshold();

        /** How long an open circuit rejects calls before one trial call is let through. */
        @WithDefault("5s")
        Duration openFor();
    }

    interface Price {
        @WithName("prompt-per-1k")
        @WithDefault("0")
        double promptPer1k();

        @WithName("completion-per-1k")
        @WithDefault("0")
        double completionPer1k();
    }

    interface Capture {
        /** Publish every proxied exchange as a PromptEvent (source {@code capture}) and its TeacherResponseEvent. */
        @WithDefault("false")
        boolean enabled();

        /** The campaignId of captured prompts, unless the request names one in {@code x-distill-campaign}. */
        @WithDefault("capture")
        String campaignId();
    }
}
