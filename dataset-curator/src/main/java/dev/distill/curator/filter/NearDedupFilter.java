package dev.distill.curator.filter;

import dev.distill.curator.config.CuratorConfig;
import dev.distill.curator.dedup.NearDuplicates;
import dev.distill.events.TeacherResponseEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.Session;

/**
 * Rejects a sample whose prompt is a near-duplicate (MinHash estimate of the Jaccard similarity of word shingles at
 * or above the threshold, and the same numbers in the same order) of one already accepted into the same dataset
 * version. The numbers rule keeps templated problems apart ("Sara has 12 apples..." and "Omar has 19 apples..." share
 * most shingles but are different exercises), which the shingles alone cannot do without losing paraphrases.
 * Candidates are the stored samples sharing an LSH bucket with a sample of the batch, found in memory (see
 * {@link NearDedupIndexes}) and then read by id, and the batch's own earlier accepted samples. The batch's dataset
 * versions are locked first (see {@link DatasetLocks}), so near-duplicates curated at once by two replicas are
 * serialised and the second sees the first.
 */
@ApplicationScoped
public class NearDedupFilter implements StatefulFilter {

    public static final String NAME = "near-dedup";

    private static final Pattern NUMBER = Pattern.compile("\\p{Nd}+");

    private final EntityManager em;
    private final NearDuplicates near;
    private final NearDedupIndexes indexes;

    public NearDedupFilter(EntityManager em, CuratorConfig config, NearDedupIndexes indexes) {
        this.em = em;
        this.indexes = indexes;
        CuratorConfig.NearDedup c = config.nearDedup();
        this.near = new NearDuplicates(c.shingleWords(), c.bands(), c.rows(), c.threshold(), NearDuplicates.SEED);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Prepared prepare(List<TeacherResponseEvent> samples) {
        Map<TeacherResponseEvent, Probe> probes = new IdentityHashMap<>();
        for (TeacherResponseEvent sample : samples) {
            probes.put(sample, probe(sample));
        }
        return () -> open(samples, probes);
    }

    private Batch open(List<TeacherResponseEvent> samples, Map<TeacherResponseEvent, Probe> probes) {
        Map<TeacherResponseEvent, List<Candidate>> stored = new IdentityHashMap<>();
        if (!samples.isEmpty()) {
            em.unwrap(Session.class).doWork(connection -> {
                DatasetLocks.lock(connection, NAME, probes.values().stream().map(Probe::dataset));
                List<Set<Long>> candidateIds = indexes.candidates(connection, samples.stream()
                        .map(probes::get).map(p -> new NearDedupIndexes.Lookup(p.dataset(), p.buckets())).toList());
                Map<Long, Candidate> rows = read(connection, candidateIds.stream()
                        .flatMap(Set::stream).distinct().toArray(Long[]::new));
                for (int i = 0; i < samples.size(); i++) {
                    stored.put(samples.get(i), candidateIds.get(i).stream().sorted().map(rows::get).toList());
                }
            });
        }
        return new Batch() {
            private final List<Candidate> accepted = new ArrayList<>();
            private final Map<Long, List<Candidate>> acceptedByBucket = new HashMap<>();

            @Override
            public FilterResult check(TeacherResponseEvent sample) {
                Probe probe = probes.get(sample);
                for (Candidate candidate : stored.getOrDefault(sample, List.of())) {
                    FilterResult result = compare(probe, candidate);
                    if (result != null) {
                        return result;
                    }
                }
                for (long bucket : probe.buckets()) {
                    for (Candidate candidate : acceptedByBucket.getOrDefault(bucket, List.of())) {
                        FilterResult result = compare(probe, candidate);
                        if (result != null) {
                            return result;
                        }
                    }
                }
                return FilterResult.accept();
            }

            @Override
            public void accepted(TeacherResponseEvent sample) {
                Probe probe = probes.get(sample);
                Candidate candidate = new Candidate(probe.dataset(), sample.promptId(), probe.signature(),
                        probe.buckets(), probe.numbersKey());
                for (long bucket : candidate.buckets()) {
                    acceptedByBucket.computeIfAbsent(bucket, b -> new ArrayList<>(1)).add(candidate);
                }
                accepted.add(candidate);
            }

            @Override
            public void store() {
                if (accepted.isEmpty()) {
                    return;
                }
                em.unwrap(Session.class).doWork(connection -> {
                    try (PreparedStatement insert = connection.prepareStatement(
                            "insert into near_dedup (dataset_version, prompt_id, signature, buckets, numbers_key)"
                                    + " values (?, ?, ?, ?, ?)")) {
                        for (Candidate c : accepted) {
                            insert.setString(1, c.dataset());
                            insert.setString(2, c.promptId());
                            // primitive arrays go in binary: the text form cost a tenth of the curator's time
                            insert.setObject(3, c.signature());
                            insert.setObject(4, c.buckets());
                            insert.setLong(5, c.numbersKey());
                            insert.addBatch();
                        }
                        insert.executeBatch();
                    }
                });
            }
        };
    }

    /** A rejection when the candidate is a near-duplicate of the probe, else null. */
    private FilterResult compare(Probe probe, Candidate candidate) {
        if (candidate.numbersKey() != probe.numbersKey()) {
            return null;
        }
        double similarity = NearDuplicates.similarity(probe.signature(), candidate.signature());
        if (similarity < near.threshold()) {
            return null;
        }
        return FilterResult.reject("near-duplicate", String.format(Locale.ROOT,
                "%.2f similar to %s (threshold %.2f)", similarity, candidate.promptId(), near.threshold()));
    }

    /** The stored rows with these ids (not their bucket keys: the index has found them already). */
    private static Map<Long, Candidate> read(Connection connection, Long[] ids) throws SQLException {
        Map<Long, Candidate> rows = new HashMap<>();
        if (ids.length == 0) {
            return rows;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "select id, prompt_id, signature, numbers_key from near_dedup where id = any(?)")) {
            select.setArray(1, connection.createArrayOf("bigint", ids));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getLong(1), new Candidate(null, rs.getString(2),
                            unboxInts((Object[]) rs.getArray(3).getArray()), new long[0], rs.getLong(4)));
                }
            }
        }
        return rows;
    }

    /** A stored sample, or one of the batch accepted earlier (only those carry their dataset: they are stored). */
    private record Candidate(String dataset, String promptId, int[] signature, long[] buckets, long numbersKey) {
    }

    /**
     * The LSH scope is the dataset version and the prompt's numbers: only prompts that could be near-duplicates share
     * a bucket. Without the numbers, thousands of short templated prompts ("What is 12 + 34?") would share buckets,
     * and each of them would be read and compared with all the others.
     */
    private Probe probe(TeacherResponseEvent response) {
        String text = PromptOf.text(response);
        long numbersKey = numbersKey(text);
        String dataset = response.teacher().qualifiedVersion();
        NearDuplicates.Fingerprint fingerprint = near.fingerprint(dataset + "#" + Long.toHexString(numbersKey), text);
        return new Probe(dataset, fingerprint.signature(), fingerprint.buckets(), numbersKey);
    }

    /** What a prompt is looked up and stored by. */
    private record Probe(String dataset, int[] signature, long[] buckets, long numbersKey) {
    }

    /** The prompt's numbers (runs of digits, any script), in order. */
    private static long numbersKey(String text) {
        Matcher digits = NUMBER.matcher(text);
        List<String> numbers = new ArrayList<>();
        while (digits.find()) {
            numbers.add(digits.group());
        }
        return AdvisoryKeys.of(numbers.toArray(String[]::new));
    }

    private static int[] unboxInts(Object[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = ((Number) values[i]).intValue();
        }
        return out;
    }
}
