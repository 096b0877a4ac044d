package dev.distill.curator.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MinHasherTest {

    /** Two sets with {@code shared} common values and {@code onlyA} / {@code onlyB} values of their own. */
    private static long[][] sets(int shared, int onlyA, int onlyB, Random random) {
        Set<Long> all = new LinkedHashSet<>();
        while (all.size() < shared + onlyA + onlyB) {
            all.add(random.nextLong());
        }
        long[] values = all.stream().mapToLong(Long::longValue).toArray();
        long[] a = Arrays.copyOfRange(values, 0, shared + onlyA);
        long[] b = new long[shared + onlyB];
        System.arraycopy(values, 0, b, 0, shared);
        System.arraycopy(values, shared + onlyA, b, shared, onlyB);
        return new long[][] {a, b};
    }

    @Test
    void theEstimateIsWithinTenPointsOfTheTrueJaccard() {
        MinHasher hasher = new MinHasher(128, 42L);
        Random random = new Random(7);
        int[][] cases = {{40, 0, 0}, {95, 5, 0}, {80, 10, 10}, {50, 25, 25}, {30, 35, 35}, {10, 45, 45}, {0, 30, 30},
                {8, 1, 1}, {300, 30, 20}};
        for (int[] c : cases) {
            long[][] ab = sets(c[0], c[1], c[2], random);
            double truth = (double) c[0] / (c[0] + c[1] + c[2]);
            double estimate = MinHasher.similarity(hasher.signature(ab[0]), hasher.signature(ab[1]));
            assertThat(estimate).as("J=%s", truth).isCloseTo(truth, within(0.1));
        }
    }

    @Test
    void theEstimateIsUnbiasedOverManyPairs() {
        MinHasher hasher = new MinHasher(128, 1234L);
        Random random = new Random(99);
        double error = 0;
        for (int n = 0; n < 200; n++) {
            long[][] ab = sets(50, 25, 25, random); // J = 0.5
            error += MinHasher.similarity(hasher.signature(ab[0]), hasher.signature(ab[1])) - 0.5;
        }
        assertThat(error / 200).isCloseTo(0.0, within(0.02));
    }

    @Test
    void theEstimateTracksTheJaccardOfRealShingles() {
        MinHasher hasher = new MinHasher(128, NearDuplicates.SEED);
        String a = "Gradient descent trains a model by repeatedly nudging its parameters in the direction that reduces"
                + " the loss, and the learning rate controls the size of each step.";
        String b = a.replace("repeatedly", "iteratively").replace("each step", "every single update");
        for (int words = 1; words <= 3; words++) {
            long[] sa = Shingles.of(a, words);
            long[] sb = Shingles.of(b, words);
            long shared = Arrays.stream(sa).filter(x -> Arrays.binarySearch(sb, x) >= 0).count();
            double truth = (double) shared / (sa.length + sb.length - shared);
            assertThat(MinHasher.similarity(hasher.signature(sa), hasher.signature(sb))).isCloseTo(truth, within(0.1));
        }
    }

    @Test
    void isDeterministicAndIgnoresOrderAndDuplicates() {
        long[] shingles = Shingles.of("a few words to hash into a signature", 2);
        long[] shuffled = shingles.clone();
        for (int i = 0; i < shuffled.length / 2; i++) {
            long t = shuffled[i];
            shuffled[i] = shuffled[shuffled.length - 1 - i];
            shuffled[shuffled.length - 1 - i] = t;
        }
        long[] doubled = new long[shingles.length * 2];
        System.arraycopy(shingles, 0, doubled, 0, shingles.length);
        System.arraycopy(shingles, 0, doubled, shingles.length, shingles.length);

        int[] signature = new MinHasher(128, 5L).signature(shingles);
        assertThat(new MinHasher(128, 5L).signature(shuffled)).isEqualTo(signature);
        assertThat(new MinHasher(128, 5L).signature(doubled)).isEqualTo(signature);
        assertThat(new MinHasher(128, 6L).signature(shingles)).isNotEqualTo(signature);
        assertThat(Arrays.stream(signature).distinct().count()).isGreaterThan(100); // the positions are independent
    }

    @Test
    void emptyInputAndEdgeCases() {
        int[] empty = new MinHasher(16, 1L).signature(new long[0]);
        assertThat(empty).hasSize(16).containsOnly(Integer.MAX_VALUE);
        assertThat(MinHasher.similarity(new int[] {1, 2, 3, 4}, new int[] {1, 2, 0, 4})).isEqualTo(0.75);
        assertThatThrownBy(() -> MinHasher.similarity(new int[2], new int[3])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MinHasher(0, 1L)).isInstanceOf(IllegalArgumentException.class);
    }
}
