package dev.distill.curator.filter;

import dev.distill.curator.config.CuratorConfig;
import dev.distill.curator.dedup.NearDuplicates;
import dev.distill.events.TeacherResponseEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.Session;

/**
 * Rejects a sample whose prompt is a near-duplicate (MinHash estimate of the Jaccard similarity of word shingles at
 * or above the threshold, and the same numbers in the same order) of one already accepted into the same dataset
 * version. The numbers rule keeps templated problems apart ("Sara has 12 apples..." and "Omar has 19 apples..." share
 * most shingles but are different exercises), which the shingles alone cannot do without losing paraphrases.
 * Candidates are the stored samples sharing an LSH bucket with a sample of the batch, found in one query through a
 * GIN index, and the batch's own earlier accepted samples. The batch's dataset versions are locked first (see
 * {@link DatasetLocks}), so near-duplicates curated at once by two replicas are serialised and the second sees the
 * first.
 */
@ApplicationScoped
public class NearDedupFilter implements StatefulFilter {

    public static final String NAME = "near-dedup";

    private static final Pattern NUMBER = Pattern.compile("\\p{Nd}+");

    private final EntityManager em;
    private final NearDuplicates near;

    public NearDedupFilter(EntityManager em, CuratorConfig config) {
        this.em = em;
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
        Map<Long, List<Candidate>> byBucket = new HashMap<>();
        if (!samples.isEmpty()) {
            Long[] buckets = probes.values().stream().flatMapToLong(p -> Arrays.stream(p.buckets())).distinct()
                    .boxed().toArray(Long[]::new);
            em.unwrap(Session.class).doWork(connection -> {
                DatasetLocks.lock(connection, NAME, probes.values().stream().map(Probe::dataset));
                // the planner guesses that "buckets && <keys>" matches a large share of the rows and would scan the
                // whole table; a bucket is shared by a handful of rows, so the GIN index is always the right plan
                try (PreparedStatement indexOnly = connection.prepareStatement("set local enable_seqscan = off")) {
                    indexOnly.execute();
                }
                try (PreparedStatement candidates = connection.prepareStatement(
                        "select prompt_id, signature, buckets, numbers_key from near_dedup where buckets && ?")) {
                    candidates.setArray(1, connection.createArrayOf("bigint", buckets));
                    try (ResultSet rs = candidates.executeQuery()) {
                        while (rs.next()) {
                            Candidate candidate = new Candidate(null, rs.getString(1),
                                    unboxInts((Object[]) rs.getArray(2).getArray()),
                                    unboxLongs((Object[]) rs.getArray(3).getArray()), rs.getLong(4));
                            index(byBucket, candidate);
                        }
                    }
                }
            });
        }
        return new Batch() {
            private final List<Candidate> accepted = new ArrayList<>();

            @Override
            public FilterResult check(TeacherResponseEvent sample) {
                Probe probe = probes.get(sample);
                for (long bucket : probe.buckets()) {
                    for (Candidate candidate : byBucket.getOrDefault(bucket, List.of())) {
                        if (candidate.numbersKey() != probe.numbersKey()) {
                            continue;
                        }
                        double similarity = NearDuplicates.similarity(probe.signature(), candidate.signature());
                        if (similarity >= near.threshold()) {
                            return FilterResult.reject("near-duplicate", String.format(Locale.ROOT,
                                    "%.2f similar to %s (threshold %.2f)", similarity, candidate.promptId(),
                                    near.threshold()));
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
                index(byBucket, candidate);
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
                            insert.setArray(3, connection.createArrayOf("integer",
                                    Arrays.stream(c.signature()).boxed().toArray()));
                            insert.setArray(4, connection.createArrayOf("bigint",
                                    Arrays.stream(c.buckets()).boxed().toArray()));
                            insert.setLong(5, c.numbersKey());
                            insert.addBatch();
                        }
                        insert.executeBatch();
                    }
                });
            }
        };
    }

    private static void index(Map<Long, List<Candidate>> byBucket, Candidate candidate) {
        for (long bucket : candidate.buckets()) {
            byBucket.computeIfAbsent(bucket, b -> new ArrayList<>(1)).add(candidate);
        }
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

    private static long[] unboxLongs(Object[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = ((Number) values[i]).longValue();
        }
        return out;
    }
}
