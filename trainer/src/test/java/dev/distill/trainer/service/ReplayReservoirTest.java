package dev.distill.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.model.EncodedExample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReplayReservoirTest {

    private static final int MAX_TOKENS = 256;

    /** An example of {@code length} tokens whose first token encodes {@code id} (so draws can be told apart). */
    private static EncodedExample example(int id, int length) {
        int[] tokens = new int[length];
        tokens[0] = id;
        boolean[] mask = new boolean[length];
        mask[length - 1] = true;
        return new EncodedExample(tokens, mask);
    }

    private static int lengthOf(int id) {
        return 2 + (id * 37) % 200;
    }

    private static ReplayReservoir filled(int count, int capacity, long seed) {
        ReplayReservoir reservoir = new ReplayReservoir(capacity, MAX_TOKENS, seed);
        for (int id = 0; id < count; id++) {
            reservoir.offer(id + 1, example(id, lengthOf(id)));
        }
        return reservoir;
    }

    private static List<Integer> idsDrawn(ReplayReservoir reservoir, long drawSeed, int draws) {
        Random random = new Random(drawSeed);
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < draws; i++) {
            ids.add(reservoir.draw(random, 0, ReplayReservoir.bucketOf(MAX_TOKENS)).tokens()[0]);
        }
        return ids;
    }

    @Test
    void keepsAtMostItsCapacityAsAUniformSampleOfEverythingOffered() {
        ReplayReservoir reservoir = filled(20_000, 1_000, 7);
        assertThat(reservoir.size()).isEqualTo(1_000);
        // 100,000 draws see every one of the 1,000 kept samples; each tenth of the stream holds about 100 of them
        // (a hypergeometric count with sd 9.5: 70 to 130 is over 3 sd)
        java.util.Set<Integer> kept = new java.util.HashSet<>(idsDrawn(reservoir, 1, 100_000));
        assertThat(kept).hasSize(1_000);
        Map<Integer, Integer> perTenth = new HashMap<>();
        kept.forEach(id -> perTenth.merge(id / 2_000, 1, Integer::sum));
        assertThat(perTenth).hasSize(10);
        perTenth.values().forEach(n -> assertThat(n).isBetween(70, 130));
    }

    @Test
    void theSameSamplesInTheSameOrderRebuildTheSameReservoir() {
        assertThat(idsDrawn(filled(5_000, 300, 42), 3, 500)).isEqualTo(idsDrawn(filled(5_000, 300, 42), 3, 500));
        assertThat(idsDrawn(filled(5_000, 300, 42), 3, 500)).isNotEqualTo(idsDrawn(filled(5_000, 300, 43), 3, 500));
    }

    @Test
    void drawsOnlyFromTheRequestedLengthBuckets() {
        ReplayReservoir reservoir = filled(3_000, 3_000, 1);
        Random random = new Random(5);
        for (int i = 0; i < 2_000; i++) {
            EncodedExample drawn = reservoir.draw(random, 2, 3);
            assertThat(ReplayReservoir.bucketOf(drawn.length())).isBetween(2, 3);
        }
        assertThat(new ReplayReservoir(10, MAX_TOKENS, 1).draw(random, 0, 5)).isNull();
    }
}
