package dev.distill.gateway.service;

import dev.distill.events.TeacherRef;
import dev.distill.gateway.client.ChatCompletionRequest;
import dev.distill.gateway.domain.CachedAnswer;
import dev.distill.gateway.domain.CostLedger;
import dev.distill.gateway.domain.ResponseCache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Answers a request through a teacher channel, paying the teacher at most once per unique request: from the response
 * cache when it is there; by joining an identical call already in flight; otherwise by calling the teacher, then
 * storing the answer and billing it. Used by both the Kafka consumer and the OpenAI-compatible proxy.
 */
@ApplicationScoped
public class TeacherAnswers {

    /** An answer and where it came from; {@code costUsd} is what this request was billed (0 when cached). */
    public record Answer(TeacherRef teacher, CachedAnswer content, boolean cached, double costUsd) {

        Answer shared() {
            return new Answer(teacher, content, true, 0);
        }
    }

    private static final Logger LOG = Logger.getLogger(TeacherAnswers.class);

    private final ResponseCache cache;
    private final CostLedger ledger;
    private final Prices prices;
    private final TeacherMetrics metrics;
    private final Map<String, CompletableFuture<Answer>> inFlight = new ConcurrentHashMap<>();

    public TeacherAnswers(ResponseCache cache, CostLedger ledger, Prices prices, TeacherMetrics metrics) {
        this.cache = cache;
        this.ledger = ledger;
        this.prices = prices;
        this.metrics = metrics;
    }

    public Uni<Answer> answer(TeacherChannel channel, ChatCompletionRequest request) {
        TeacherRef teacher = channel.ref();
        String key = CacheKey.of(teacher, request);
        return blocking(() -> cache.find(key)).chain(found -> {
            if (found.isPresent()) {
                countCacheHit(teacher);
                return Uni.createFrom().item(new Answer(teacher, found.get(), true, 0));
            }
            CompletableFuture<Answer> mine = new CompletableFuture<>();
            CompletableFuture<Answer> running = inFlight.putIfAbsent(key, mine);
            if (running != null) {
                countCacheHit(teacher);
                return Uni.createFrom().completionStage(running).map(Answer::shared);
            }
            fetch(channel, request, key).subscribe().with(
                    answer -> {
                        inFlight.remove(key);
                        mine.complete(answer);
                    },
                    failure -> {
                        inFlight.remove(key);
                        mine.completeExceptionally(failure);
                    });
            return Uni.createFrom().completionStage(mine);
        });
    }

    /** Answered without a teacher call of its own: from the cache, or by joining an identical call in flight. */
    private void countCacheHit(TeacherRef teacher) {
        metrics.cacheHit(teacher);
        ledger.servedFromCache(teacher);
    }

    private Uni<Answer> fetch(TeacherChannel channel, ChatCompletionRequest request, String key) {
        TeacherRef teacher = channel.ref();
        return channel.call(request).chain(reply -> {
            CachedAnswer content = ResponseMapper.toAnswer(reply);
            double cost = prices.of(teacher).cost(content.usage());
            metrics.billed(teacher, content.usage(), cost);
            ledger.billed(teacher, content.usage(), cost);
            return blocking(() -> {
                try {
                    cache.store(key, teacher, content);
                } catch (RuntimeException e) {
                    // the answer is paid for and still delivered; only a later identical request will pay again
                    LOG.warnf("answer from %s not cached: %s", teacher.qualifiedVersion(), e.getMessage());
                }
                return new Answer(teacher, content, false, cost);
            });
        });
    }

    private static <T> Uni<T> blocking(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
