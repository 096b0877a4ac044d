package dev.distill.promptgenerator.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distill.events.ChatMessage;
import dev.distill.events.Reference;
import dev.distill.promptgenerator.config.GeneratorConfig;
import dev.distill.promptgenerator.domain.PromptSource;
import dev.distill.promptgenerator.source.InvalidLineException;
import dev.distill.promptgenerator.source.JsonlReader;
import dev.distill.promptgenerator.source.PromptLine;
import dev.distill.promptgenerator.source.PromptLineParser;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Prompt files: imported line by line (never whole in memory) into {@code source_line}, a chunk per transaction;
 * invalid lines are counted and the first few recorded with their line number and reason. Campaigns read the
 * valid lines back by ordinal.
 */
@ApplicationScoped
public class PromptSources {

    private static final int CHUNK = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One invalid line. */
    public record LineError(long line, String reason) {
    }

    /** A valid line as a campaign reads it. */
    public record Line(long ordinal, PromptLine prompt) {
    }

    private final EntityManager em;
    private final MeterRegistry meters;
    private final GeneratorConfig.Sources config;
    private final PromptLineParser parser = new PromptLineParser();

    public PromptSources(EntityManager em, MeterRegistry meters, GeneratorConfig config) {
        this.em = em;
        this.meters = meters;
        this.config = config.sources();
    }

    /** Reads the stream to its end; returns the committed source. If reading fails, nothing of it is kept. */
    public PromptSource importLines(String name, String origin, InputStream in) {
        String id = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            PromptSource source = new PromptSource();
            source.id = id;
            source.name = name;
            source.origin = origin;
            source.createdAt = Instant.now();
            source.persist();
        });
        try {
            JsonlReader reader = new JsonlReader(in, config.maxLineBytes());
            long total = 0, valid = 0, invalid = 0;
            List<Object[]> lines = new ArrayList<>();
            List<LineError> errors = new ArrayList<>();
            while (reader.hasNext()) {
                JsonlReader.Line line = reader.next();
                total = line.number();
                String error = line.error();
                if (error == null) {
                    try {
                        lines.add(row(valid, line.number(), parser.parse(line.text())));
                        valid++;
                    } catch (InvalidLineException e) {
                        error = e.getMessage();
                    }
                }
                if (error != null) {
                    invalid++;
                    if (invalid <= config.maxRecordedErrors()) {
                        errors.add(new LineError(line.number(), error));
                    }
                }
                if (lines.size() + errors.size() >= CHUNK) {
                    write(id, lines, errors);
                }
            }
            write(id, lines, errors);
            long t = total, v = valid, i = invalid;
            meters.counter("distill.source.lines", "result", "valid").increment(v);
            meters.counter("distill.source.lines", "result", "invalid").increment(i);
            return QuarkusTransaction.requiringNew().call(() -> {
                PromptSource source = PromptSource.findById(id);
                source.linesTotal = t;
                source.linesValid = v;
                source.linesInvalid = i;
                return source;
            });
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("delete from {h-schema}source_line where source_id = ?1").setParameter(1, id).executeUpdate();
                em.createNativeQuery("delete from {h-schema}source_error where source_id = ?1").setParameter(1, id).executeUpdate();
                PromptSource.deleteById(id);
            });
            throw e;
        }
    }

    private void write(String sourceId, List<Object[]> lines, List<LineError> errors) {
        if (lines.isEmpty() && errors.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            for (Object[] line : lines) {
                em.createNativeQuery("""
                        insert into {h-schema}source_line (source_id, ordinal, line_number, messages_json, reference_answer, verifier, skill)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                        .setParameter(1, sourceId).setParameter(2, line[0]).setParameter(3, line[1])
                        .setParameter(4, line[2]).setParameter(5, line[3]).setParameter(6, line[4])
                        .setParameter(7, line[5]).executeUpdate();
            }
            for (LineError error : errors) {
                em.createNativeQuery("insert into {h-schema}source_error (source_id, line_number, reason) values (?1, ?2, ?3)")
                        .setParameter(1, sourceId).setParameter(2, error.line()).setParameter(3, error.reason())
                        .executeUpdate();
            }
        });
        lines.clear();
        errors.clear();
    }

    private static Object[] row(long ordinal, long lineNumber, PromptLine prompt) {
        Reference reference = prompt.reference();
        return new Object[] { ordinal, lineNumber, writeMessages(prompt.messages()),
                reference == null ? null : reference.answer(), reference == null ? null : reference.verifier(),
                prompt.skill() };
    }

    @Transactional
    public Optional<PromptSource> find(String id) {
        return PromptSource.findByIdOptional(id);
    }

    @Transactional
    public List<PromptSource> list() {
        return PromptSource.list("order by createdAt desc, id");
    }

    /** Valid lines from an ordinal on, in file order; joins the caller's transaction. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Line> lines(String sourceId, long fromOrdinal, int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                select ordinal, messages_json, reference_answer, verifier, skill from {h-schema}source_line
                where source_id = ?1 and ordinal >= ?2 order by ordinal limit ?3""")
                .setParameter(1, sourceId).setParameter(2, fromOrdinal).setParameter(3, limit).getResultList();
        return rows.stream().map(r -> new Line(((Number) r[0]).longValue(), new PromptLine(readMessages((String) r[1]),
                r[2] == null ? null : new Reference((String) r[2], (String) r[3]), (String) r[4]))).toList();
    }

    /** The first recorded invalid lines. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<LineError> errors(String sourceId, int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                select line_number, reason from {h-schema}source_error where source_id = ?1 order by line_number limit ?2""")
                .setParameter(1, sourceId).setParameter(2, limit).getResultList();
        return rows.stream().map(r -> new LineError(((Number) r[0]).longValue(), (String) r[1])).toList();
    }

    private static String writeMessages(List<ChatMessage> messages) {
        try {
            return JSON.writeValueAsString(messages);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ChatMessage> readMessages(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<ChatMessage>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("source_line.messages_json is not a message list: " + json, e);
        }
    }
}
