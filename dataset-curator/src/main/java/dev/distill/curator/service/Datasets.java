package dev.distill.curator.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.distill.curator.domain.DatasetSummary;
import dev.distill.events.ChatMessage;
import dev.distill.events.CuratedSampleEvent;
import dev.distill.events.EventCodec;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Dataset versions: their counts for {@code GET /datasets}, and their curated samples as a JSONL stream. */
@ApplicationScoped
public class Datasets {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FETCH_SIZE = 500;

    private final EntityManager em;
    private final AgroalDataSource dataSource;

    public Datasets(EntityManager em, AgroalDataSource dataSource) {
        this.em = em;
        this.dataSource = dataSource;
    }

    @SuppressWarnings("unchecked")
    public List<DatasetSummary> summaries() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Counts> all = new TreeMap<>();
            for (Object[] r : (List<Object[]>) em.createNativeQuery("""
                    select dataset_version, coalesce(skill, 'none'), count(*) from curated_samples group by 1, 2""")
                    .getResultList()) {
                Counts c = all.computeIfAbsent((String) r[0], v -> new Counts());
                long n = ((Number) r[2]).longValue();
                c.curated += n;
                c.skill((String) r[1])[0] += n;
            }
            for (Object[] r : (List<Object[]>) em.createNativeQuery("""
                    select dataset_version, coalesce(skill, 'none'), filter, reason, count(*) from rejected_samples
                    group by 1, 2, 3, 4""").getResultList()) {
                Counts c = all.computeIfAbsent((String) r[0], v -> new Counts());
                long n = ((Number) r[4]).longValue();
                c.rejected += n;
                c.skill((String) r[1])[1] += n;
                c.filter((String) r[2])[1] += n;
                c.byReason.merge((String) r[3], n, Long::sum);
            }
            for (Object[] r : (List<Object[]>) em.createNativeQuery("""
                    select dataset_version, f, count(*) from (
                        select dataset_version, jsonb_array_elements_text(filters_passed::jsonb) f from curated_samples
                        union all
                        select dataset_version, jsonb_array_elements_text(filters_passed::jsonb) f from rejected_samples
                    ) passes group by 1, 2""").getResultList()) {
                all.computeIfAbsent((String) r[0], v -> new Counts()).filter((String) r[1])[0] += ((Number) r[2]).longValue();
            }
            List<DatasetSummary> summaries = new ArrayList<>();
            all.forEach((version, c) -> summaries.add(c.summary(version)));
            return summaries;
        });
    }

    public boolean exists(String datasetVersion) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                select (select count(*) from (select 1 from curated_samples where dataset_version = ?1 limit 1) c)
                     + (select count(*) from (select 1 from rejected_samples where dataset_version = ?1 limit 1) r)""")
                .setParameter(1, datasetVersion).getSingleResult()).longValue() > 0);
    }

    /**
     * Writes the dataset's curated samples in the OpenAI fine-tuning chat format, one {@code {"messages": [...]}} per
     * line, reading them through a server-side cursor so the dataset is never in memory at once.
     */
    public long export(String datasetVersion, String split, OutputStream out) {
        long written = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // the PostgreSQL driver streams with a cursor only inside a transaction
            try (PreparedStatement select = c.prepareStatement("""
                    select event_json from curated_samples where dataset_version = ? and (? is null or split = ?)
                    order by id""")) {
                select.setFetchSize(FETCH_SIZE);
                select.setString(1, datasetVersion);
                select.setString(2, split);
                select.setString(3, split);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        out.write(line(EventCodec.fromJson(rs.getString(1), CuratedSampleEvent.class)));
                        written++;
                    }
                }
            } finally {
                c.rollback();
            }
            out.flush();
            return written;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read dataset " + datasetVersion + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] line(CuratedSampleEvent sample) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode messages = root.putArray("messages");
        for (ChatMessage m : sample.messages()) {
            messages.addObject().put("role", m.role()).put("content", m.content());
        }
        return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Counting while reading the grouped rows. Arrays are {passed, rejected}. */
    private static final class Counts {
        long curated;
        long rejected;
        final Map<String, Long> byReason = new TreeMap<>();
        final Map<String, long[]> byFilter = new TreeMap<>();
        final Map<String, long[]> bySkill = new TreeMap<>();

        long[] filter(String name) {
            return byFilter.computeIfAbsent(name, n -> new long[2]);
        }

        long[] skill(String name) {
            return bySkill.computeIfAbsent(name, n -> new long[2]);
        }

        DatasetSummary summary(String version) {
            Map<String, DatasetSummary.Stage> filters = new TreeMap<>();
            byFilter.forEach((name, n) -> filters.put(name, DatasetSummary.Stage.of(n[0], n[1])));
            Map<String, DatasetSummary.Stage> skills = new TreeMap<>();
            bySkill.forEach((name, n) -> skills.put(name, DatasetSummary.Stage.of(n[0], n[1])));
            DatasetSummary.Stage overall = DatasetSummary.Stage.of(curated, rejected);
            return new DatasetSummary(version, curated, rejected, overall.acceptanceRate(), Map.copyOf(byReason),
                    filters, skills);
        }
    }
}
