package dev.distill.curator.filter;

import dev.distill.events.PromptText;
import dev.distill.events.TeacherResponseEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

/**
 * Keeps one sample per prompt (after normalisation) and dataset version. A batch locks its dataset versions
 * (transaction-scoped advisory locks, see {@link DatasetLocks}) before it reads the stored hashes, so two replicas
 * curating the same prompt at once cannot both pass.
 */
@ApplicationScoped
public class ExactDedupFilter implements StatefulFilter {

    public static final String NAME = "exact-dedup";

    private final EntityManager em;

    public ExactDedupFilter(EntityManager em) {
        this.em = em;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Prepared prepare(List<TeacherResponseEvent> samples) {
        Map<TeacherResponseEvent, Key> keys = new IdentityHashMap<>();
        for (TeacherResponseEvent sample : samples) {
            keys.put(sample, new Key(sample.teacher().qualifiedVersion(), PromptText.hash(sample.messages())));
        }
        return () -> open(samples, keys);
    }

    private Batch open(List<TeacherResponseEvent> samples, Map<TeacherResponseEvent, Key> keys) {
        Map<Key, String> firsts = new HashMap<>();
        if (!samples.isEmpty()) {
            em.unwrap(Session.class).doWork(connection -> {
                DatasetLocks.lock(connection, NAME, keys.values().stream().map(Key::dataset));
                try (PreparedStatement stored = connection.prepareStatement("""
                        select e.dataset_version, e.prompt_hash, e.prompt_id
                        from unnest(?::text[], ?::text[]) as k(dataset_version, prompt_hash)
                        join exact_dedup e using (dataset_version, prompt_hash)""")) {
                    stored.setArray(1, connection.createArrayOf("text", keys.values().stream().map(Key::dataset).toArray()));
                    stored.setArray(2, connection.createArrayOf("text", keys.values().stream().map(Key::hash).toArray()));
                    try (ResultSet rs = stored.executeQuery()) {
                        while (rs.next()) {
                            firsts.put(new Key(rs.getString(1), rs.getString(2)), rs.getString(3));
                        }
                    }
                }
            });
        }
        return new Batch() {
            private final List<TeacherResponseEvent> accepted = new ArrayList<>();

            @Override
            public FilterResult check(TeacherResponseEvent sample) {
                Key key = keys.get(sample);
                String first = firsts.get(key);
                return first == null
                        ? FilterResult.accept()
                        : FilterResult.reject("duplicate", "the same prompt as " + first + " in " + key.dataset());
            }

            @Override
            public void accepted(TeacherResponseEvent sample) {
                firsts.put(keys.get(sample), sample.promptId());
                accepted.add(sample);
            }

            @Override
            public void store() {
                if (accepted.isEmpty()) {
                    return;
                }
                em.unwrap(Session.class).doWork(connection -> {
                    try (PreparedStatement insert = connection.prepareStatement("""
                            insert into exact_dedup (dataset_version, prompt_hash, prompt_id)
                            select * from unnest(?::text[], ?::text[], ?::text[]) on conflict do nothing""")) {
                        insert.setArray(1, connection.createArrayOf("text",
                                accepted.stream().map(s -> keys.get(s).dataset()).toArray()));
                        insert.setArray(2, connection.createArrayOf("text",
                                accepted.stream().map(s -> keys.get(s).hash()).toArray()));
                        insert.setArray(3, connection.createArrayOf("text",
                                accepted.stream().map(TeacherResponseEvent::promptId).toArray()));
                        insert.executeUpdate();
                    }
                });
            }
        };
    }

    private record Key(String dataset, String hash) {
    }
}
