package dev.distill.curator.filter;

import dev.distill.curator.config.CuratorConfig;
import dev.distill.curator.dedup.NearDuplicates;
import dev.distill.events.TeacherResponseEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.Session;

/**
 * Rejects a sample whose prompt is a near-duplicate (MinHash estimate of the Jaccard similarity of word shingles at
 * or above the threshold, and the same numbers in the same order) of one already accepted into the same dataset
 * version. The numbers rule keeps templated problems apart ("Sara has 12 apples..." and "Omar has 19 apples..." share
 * most shingles but are different exercises), which the shingles alone cannot do without losing paraphrases. Candidates are the stored samples
 * sharing an LSH bucket, found through a GIN index; the sample's buckets are locked (transaction-scoped advisory
 * locks, in ascending order) for the check, so two near-duplicates curated at once by two replicas are serialised on
 * the bucket they share and the second sees the first.
 */
@ApplicationScoped
public class NearDedupFilter implements SampleFilter {

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
    public FilterResult apply(TeacherResponseEvent response) {
        Probe probe = probe(response);
        NearDuplicates.Fingerprint fingerprint = probe.fingerprint();
        long[] locks = fingerprint.buckets().clone();
        Arrays.sort(locks); // one order for everyone: no deadlocks between replicas
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(b) from unnest(?) b")) {
                lock.setArray(1, connection.createArrayOf("bigint", box(locks)));
                lock.execute();
            }
            // the planner guesses that "buckets && <32 keys>" matches ~15% of the rows and would scan the whole table;
            // a bucket is shared by a handful of rows, so the GIN index is always the right plan
            try (PreparedStatement indexOnly = connection.prepareStatement("set local enable_seqscan = off")) {
                indexOnly.execute();
            }
            try (PreparedStatement candidates = connection.prepareStatement(
                    "select prompt_id, signature from near_dedup where buckets && ? and numbers_key = ?")) {
                candidates.setArray(1, connection.createArrayOf("bigint", box(fingerprint.buckets())));
                candidates.setLong(2, probe.numbersKey());
                try (ResultSet rs = candidates.executeQuery()) {
                    while (rs.next()) {
                        int[] other = unbox((Object[]) rs.getArray(2).getArray());
                        double similarity = NearDuplicates.similarity(fingerprint.signature(), other);
                        if (similarity >= near.threshold()) {
                            return FilterResult.reject("near-duplicate", String.format(Locale.ROOT,
                                    "%.2f similar to %s (threshold %.2f)", similarity, rs.getString(1), near.threshold()));
                        }
                    }
                }
            }
            return FilterResult.accept();
        });
    }

    @Override
    public void accepted(TeacherResponseEvent sample) {
        Probe probe = probe(sample);
        NearDuplicates.Fingerprint fingerprint = probe.fingerprint();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into near_dedup (dataset_version, prompt_id, signature, buckets, numbers_key)"
                            + " values (?, ?, ?, ?, ?)")) {
                insert.setString(1, sample.teacher().qualifiedVersion());
                insert.setString(2, sample.promptId());
                Array signature = connection.createArrayOf("integer", Arrays.stream(fingerprint.signature()).boxed().toArray());
                insert.setArray(3, signature);
                insert.setArray(4, connection.createArrayOf("bigint", box(fingerprint.buckets())));
                insert.setLong(5, probe.numbersKey());
                insert.executeUpdate();
            }
        });
    }

    /**
     * The LSH scope is the dataset version and the prompt's numbers: only prompts that could be near-duplicates share
     * a bucket. Without the numbers, thousands of short templated prompts ("What is 12 + 34?") would share buckets,
     * and every one of them would lock and scan them all.
     */
    private Probe probe(TeacherResponseEvent response) {
        String text = PromptOf.text(response);
        long numbersKey = numbersKey(text);
        String scope = response.teacher().qualifiedVersion() + "#" + Long.toHexString(numbersKey);
        return new Probe(near.fingerprint(scope, text), numbersKey);
    }

    /** What a prompt is looked up and stored by. */
    private record Probe(NearDuplicates.Fingerprint fingerprint, long numbersKey) {
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

    private static Long[] box(long[] values) {
        return Arrays.stream(values).boxed().toArray(Long[]::new);
    }

    private static int[] unbox(Object[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = ((Number) values[i]).intValue();
        }
        return out;
    }
}
