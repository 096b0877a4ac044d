package dev.distill.gateway.domain;

import dev.distill.events.EventCodec;
import dev.distill.events.TeacherRef;
import dev.distill.events.TeacherResponseEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Optional;

/**
 * The call ledger. Writes are single upserts guarded by the unique (prompt, teacher, version) constraint, so two
 * deliveries of one prompt racing each other still leave one answer: the first {@code ok} row wins and is kept.
 */
@ApplicationScoped
public class TeacherCallLedger {

    private static final String RECORD_ANSWER = """
            insert into teacher_calls (prompt_id, teacher_name, teacher_version, model, status, attempts,
                prompt_tokens, completion_tokens, cost_usd, latency_ms, error, response_json, created_at, updated_at)
            values (?1, ?2, ?3, ?4, 'ok', ?5, ?6, ?7, ?8, ?9, null, ?10, now(), now())
            on conflict (prompt_id, teacher_name, teacher_version) do update set
                model = excluded.model, status = 'ok', attempts = teacher_calls.attempts + excluded.attempts,
                prompt_tokens = excluded.prompt_tokens, completion_tokens = excluded.completion_tokens,
                cost_usd = excluded.cost_usd, latency_ms = excluded.latency_ms, error = null,
                response_json = excluded.response_json, updated_at = now()
            where teacher_calls.status <> 'ok'
            """;

    private static final String RECORD_FAILURE = """
            insert into teacher_calls (prompt_id, teacher_name, teacher_version, model, status, attempts, error,
                created_at, updated_at)
            values (?1, ?2, ?3, ?4, 'failed', ?5, ?6, now(), now())
            on conflict (prompt_id, teacher_name, teacher_version) do update set
                attempts = teacher_calls.attempts + excluded.attempts, error = excluded.error, updated_at = now()
            where teacher_calls.status <> 'ok'
            """;

    private final EntityManager em;

    public TeacherCallLedger(EntityManager em) {
        this.em = em;
    }

    /** The stored answer of an earlier successful call, if there is one. */
    public Optional<TeacherResponseEvent> storedAnswer(String promptId, TeacherRef teacher) {
        return QuarkusTransaction.requiringNew().call(() -> TeacherCall.findFor(promptId, teacher.name(), teacher.version())
                .filter(call -> TeacherCall.OK.equals(call.status))
                .map(call -> EventCodec.fromJson(call.responseJson, TeacherResponseEvent.class)));
    }

    /**
     * Stores a successful answer. Returns false when another delivery already stored one for the same prompt and
     * teacher version; the caller then publishes that stored answer, so every copy says the same thing.
     */
    public boolean recordAnswer(TeacherResponseEvent response, int attempts) {
        TeacherRef teacher = response.teacher();
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(RECORD_ANSWER)
                .setParameter(1, response.promptId())
                .setParameter(2, teacher.name())
                .setParameter(3, teacher.version())
                .setParameter(4, teacher.model())
                .setParameter(5, attempts)
                .setParameter(6, response.usage().promptTokens())
                .setParameter(7, response.usage().completionTokens())
                .setParameter(8, response.costUsd())
                .setParameter(9, response.latencyMs())
                .setParameter(10, EventCodec.toJson(response))
                .executeUpdate() == 1);
    }

    /** Notes a failed call, so the ledger shows what the DLQ holds; a later success overwrites it. */
    public void recordFailure(String promptId, TeacherRef teacher, int attempts, String error) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(RECORD_FAILURE)
                .setParameter(1, promptId)
                .setParameter(2, teacher.name())
                .setParameter(3, teacher.version())
                .setParameter(4, teacher.model())
                .setParameter(5, attempts)
                .setParameter(6, error)
                .executeUpdate());
    }
}
