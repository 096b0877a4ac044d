package dev.distill.curator.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distill.curator.dedup.NearDuplicates.Fingerprint;
import dev.distill.curator.dedup.PlantedCorpus.Text;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class NearDuplicatesTest {

    private static final String SCOPE = "gsm8k-distill@v3";

    record Score(int shingleWords, int bands, int rows, double threshold, int tp, int fp, int fn, int candidates) {

        double precision() {
            return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "shingles=%d bands=%2dx%-2d threshold=%.2f  precision=%.3f recall=%.3f F1=%.3f"
                            + "  (tp=%d fp=%d fn=%d, LSH candidate pairs=%d)",
                    shingleWords, bands, rows, threshold, precision(), recall(), f1(), tp, fp, fn, candidates);
        }
    }

    private static final int DRAWS = 10;

    /** {@link #score(List, int, int, int, double)} summed over {@link #DRAWS} draws of the planted corpus. */
    static Score score(int shingleWords, int bands, int rows, double threshold) {
        int tp = 0, fp = 0, fn = 0, candidates = 0;
        for (int draw = 0; draw < DRAWS; draw++) {
            Score s = score(PlantedCorpus.texts(draw), shingleWords, bands, rows, threshold);
            tp += s.tp();
            fp += s.fp();
            fn += s.fn();
            candidates += s.candidates();
        }
        return new Score(shingleWords, bands, rows, threshold, tp, fp, fn, candidates);
    }

    /** The LSH candidate step (shared bucket) then the similarity check, over all pairs of one planted corpus. */
    static Score score(List<Text> texts, int shingleWords, int bands, int rows, double threshold) {
        NearDuplicates dedup = new NearDuplicates(shingleWords, bands, rows, threshold, NearDuplicates.SEED);
        List<Fingerprint> prints = new ArrayList<>();
        for (Text t : texts) {
            prints.add(dedup.fingerprint(SCOPE, t.text()));
        }
        int tp = 0, fp = 0, fn = 0, candidates = 0;
        for (int i = 0; i < texts.size(); i++) {
            for (int j = i + 1; j < texts.size(); j++) {
                boolean candidate = prints.get(i).sharesBucketWith(prints.get(j));
                candidates += candidate ? 1 : 0;
                boolean predicted = candidate && dedup.isNearDuplicate(prints.get(i).signature(), prints.get(j).signature());
                boolean actual = texts.get(i).group() == texts.get(j).group();
                if (predicted && actual) {
                    tp++;
                } else if (predicted) {
                    fp++;
                } else if (actual) {
                    fn++;
                }
            }
        }
        return new Score(shingleWords, bands, rows, threshold, tp, fp, fn, candidates);
    }

    @Test
    void thePlantedCorpusIsWhatTheTestClaims() {
        List<Text> texts = PlantedCorpus.texts();
        long bases = texts.stream().filter(t -> !t.paraphrase()).count();
        assertThat(bases).isGreaterThanOrEqualTo(40);
        for (Text t : texts) {
            if (!t.paraphrase()) {
                assertThat(Shingles.tokens(t.text()).size()).as(t.text()).isBetween(25, 60);
            }
        }
        // every paraphrase really differs from its base
        for (Text p : texts) {
            if (p.paraphrase()) {
                assertThat(p.text()).isNotEqualTo(texts.get(p.group()).text());
            }
        }
    }

    /** The setting application.properties ships (distill.curator.near-dedup.*). */
    static final int SHINGLE_WORDS = 2;
    static final int BANDS = 32;
    static final int ROWS = 4;
    static final double THRESHOLD = 0.6;

    /** The setting the pinned values below were computed with (independently, in Python). */
    private static final NearDuplicates PINNED = new NearDuplicates(1, 32, 4, 0.8, NearDuplicates.SEED);

    static NearDuplicates shipped() {
        return new NearDuplicates(SHINGLE_WORDS, BANDS, ROWS, THRESHOLD, NearDuplicates.SEED);
    }

    @Test
    void theShippedSettingReachesNinetyPercentPrecisionAndRecall() {
        int[][] layouts = {{64, 2}, {32, 4}, {16, 8}, {8, 16}, {20, 5}}; // 20x5: a 100-value signature, for comparison
        double[] thresholds = {0.6, 0.65, 0.7, 0.75, 0.8};
        List<Score> sweep = new ArrayList<>();
        for (int words = 1; words <= 4; words++) {
            for (int[] layout : layouts) {
                for (double threshold : thresholds) {
                    sweep.add(score(words, layout[0], layout[1], threshold));
                }
            }
        }
        sweep.sort(Comparator.comparingDouble(Score::f1).reversed());
        System.out.println("near-duplicate sweep over " + DRAWS + " draws of the planted corpus, best F1 first:");
        sweep.stream().limit(12).forEach(s -> System.out.println("  " + s));

        // two-word shingles keep templated texts that differ in a few slots apart (single words ignore word order)
        Score chosen = score(SHINGLE_WORDS, BANDS, ROWS, THRESHOLD);
        System.out.println("shipped setting: " + chosen);
        assertThat(chosen.precision()).isGreaterThanOrEqualTo(0.9);
        assertThat(chosen.recall()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void theSameTextGivesTheSameFingerprintInEveryInstance() {
        String text = "Jupiter is the largest planet in the solar system; its Great Red Spot is a storm.";
        Fingerprint a = PINNED.fingerprint(SCOPE, text);
        Fingerprint b = PINNED.fingerprint(SCOPE, text);
        Fingerprint c = new NearDuplicates(1, 32, 4, 0.8, NearDuplicates.SEED).fingerprint(SCOPE, new String(text));
        assertThat(a).isEqualTo(b).isEqualTo(c);
        assertThat(a.signature()).hasSize(128);
        assertThat(a.buckets()).hasSize(32);
        // normalisation: case, NFKC (full-width letters) and punctuation do not change the fingerprint
        Fingerprint d = PINNED.fingerprint(SCOPE,
                "JUPITER is the largest planet in the solar system — its Great Red Spot is a storm!!");
        assertThat(d).isEqualTo(a);
        // a different seed gives a different (incomparable) signature
        assertThat(new NearDuplicates(1, 32, 4, 0.8, 7L).fingerprint(SCOPE, text).signature()).isNotEqualTo(a.signature());
    }

    @Test
    void theFingerprintIsPinnedSoEveryProcessAndReleaseComputesTheSameValues() {
        // Changing the shingling, hashing, seeding or defaults invalidates every stored fingerprint; this makes it visible.
        // The expected values were computed by an independent (Python) implementation of the documented algorithm.
        Fingerprint f = PINNED.fingerprint("v1", "The quick brown fox jumps over the lazy dog.");
        assertThat(f.signature()).startsWith(-1575336925, -1155075649, -2063037728, -1941350208, -711788625, -1541765627);
        assertThat(f.buckets()[0]).isEqualTo(-1379458294691166441L);
        assertThat(f.buckets()[31]).isEqualTo(-7785348232513182487L);
    }

    @Test
    void nearDuplicateMeansSimilarityAtLeastTheThreshold() {
        NearDuplicates dedup = new NearDuplicates(2, 32, 4, 0.75, 1L);
        int[] a = new int[128];
        int[] b = new int[128];
        for (int i = 0; i < 128; i++) {
            a[i] = i;
            b[i] = i < 96 ? i : -i; // 96 / 128 = 0.75
        }
        assertThat(dedup.isNearDuplicate(a, b)).isTrue();
        b[0] = -1;
        assertThat(dedup.isNearDuplicate(a, b)).isFalse();
        assertThat(dedup.threshold()).isEqualTo(0.75);
        assertThat(NearDuplicates.similarity(a, b)).isEqualTo(MinHasher.similarity(a, b));
    }

    @Test
    void invalidParametersAreRejected() {
        assertThatThrownBy(() -> new NearDuplicates(0, 32, 4, 0.7, 1L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NearDuplicates(2, 32, 4, 0.0, 1L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NearDuplicates(2, 32, 4, 1.5, 1L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NearDuplicates(2, 0, 4, 0.7, 1L)).isInstanceOf(IllegalArgumentException.class);
    }
}
