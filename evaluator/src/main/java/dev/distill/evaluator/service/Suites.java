package dev.distill.evaluator.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.distill.evaluator.domain.CustomSuite;
import dev.distill.events.EventCodec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every suite checkpoints are scored on: the built-in one (from configuration) first, then the custom ones stored in
 * PostgreSQL, oldest first. Read from the database each time, so every evaluator instance sees suites registered
 * through any of them.
 */
@ApplicationScoped
public class Suites {

    /** A custom prompt as stored: the check is rebuilt from its reference and verifier. */
    record StoredItem(String promptId, String skill, String prompt, String reference, String verifier) {
    }

    private static final TypeReference<List<StoredItem>> STORED = new TypeReference<>() {
    };

    private final EvalSuite builtin;

    public Suites(EvalSuite builtin) {
        this.builtin = builtin;
    }

    public EvalSuite builtin() {
        return builtin;
    }

    public List<EvalSuite> all() {
        List<EvalSuite> all = new ArrayList<>();
        all.add(builtin);
        QuarkusTransaction.requiringNew().call(CustomSuite::oldestFirst).forEach(row -> all.add(suiteOf(row)));
        return all;
    }

    public Optional<EvalSuite> find(String name) {
        if (builtin.name().equals(name)) {
            return Optional.of(builtin);
        }
        return Optional.ofNullable(QuarkusTransaction.requiringNew().call(() -> CustomSuite.<CustomSuite>findById(name)))
                .map(Suites::suiteOf);
    }

    /** In the caller's transaction; false when a suite of that name exists already. */
    boolean store(String name, List<EvalSuite.Item> items, Instant at) {
        if (builtin.name().equals(name) || CustomSuite.findById(name) != null) {
            return false;
        }
        CustomSuite row = new CustomSuite();
        row.name = name;
        row.prompts = items.size();
        row.itemsJson = json(items.stream().map(Suites::stored).toList());
        row.createdAt = at;
        row.persist();
        return true;
    }

    private static StoredItem stored(EvalSuite.Item item) {
        ReferenceCheck check = (ReferenceCheck) item.check();
        return new StoredItem(item.promptId(), item.skill(), item.prompt(), check.reference(), check.verifier());
    }

    private static EvalSuite suiteOf(CustomSuite row) {
        List<StoredItem> stored;
        try {
            stored = EventCodec.mapper().readValue(row.itemsJson, STORED);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("custom suite " + row.name + " is stored unreadably: " + e.getMessage(), e);
        }
        return new EvalSuite(row.name, EvalSuite.CUSTOM, row.createdAt, stored.stream()
                .map(s -> new EvalSuite.Item(s.promptId(), s.skill(), s.prompt(), ReferenceCheck.of(s.reference(),
                        s.verifier())))
                .toList());
    }

    private static String json(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
