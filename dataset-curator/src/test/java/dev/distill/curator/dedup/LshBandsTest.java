package dev.distill.curator.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LshBandsTest {

    private static int[] signature(int size, int offset) {
        int[] s = new int[size];
        for (int i = 0; i < size; i++) {
            s[i] = offset + i * 7919;
        }
        return s;
    }

    @Test
    void signaturesAgreeingOnAWholeBandShareExactlyThatBandsKey() {
        LshBands lsh = new LshBands(32, 4);
        int[] a = signature(128, 0);
        int[] b = signature(128, 1); // differs everywhere
        System.arraycopy(a, 12, b, 12, 4); // band 3 identical
        b[20] = a[20]; // band 5 agrees on one row of four only

        long[] ka = lsh.buckets("v1", a);
        long[] kb = lsh.buckets("v1", b);
        assertThat(ka).hasSize(32);
        for (int band = 0; band < 32; band++) {
            assertThat(ka[band] == kb[band]).as("band %d", band).isEqualTo(band == 3);
        }
        assertThat(LshBands.shareBucket(ka, kb)).isTrue();
        assertThat(LshBands.shareBucket(ka, lsh.buckets("v1", signature(128, 2)))).isFalse();
        assertThat(new LshBands(32, 4).buckets("v1", a.clone())).isEqualTo(ka); // deterministic
    }

    @Test
    void differentScopesAndDifferentBandsNeverCollide() {
        LshBands lsh = new LshBands(16, 8);
        int[] same = new int[128]; // every band has the same content
        Set<Long> keys = new HashSet<>();
        for (String scope : new String[] {"v1", "v10", "v1 ", "V1", "dataset-a@1", "dataset-a@2", ""}) {
            for (long key : lsh.buckets(scope, same)) {
                keys.add(key);
            }
        }
        assertThat(keys).hasSize(7 * 16);
        assertThat(LshBands.shareBucket(lsh.buckets("v1", same), lsh.buckets("v2", same))).isFalse();
    }

    @Test
    void theSignatureSizeMustBeBandsTimesRows() {
        assertThatThrownBy(() -> new LshBands(20, 5).buckets("v1", new int[128]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("20 x 5");
        assertThatThrownBy(() -> new LshBands(0, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new LshBands(20, 5).buckets("v1", new int[100])).hasSize(20);
    }

    @Test
    void similarTextsBecomeCandidatesAndUnrelatedOnesDoNot() {
        NearDuplicates dedup = NearDuplicatesTest.shipped();
        String text = "Honeybees communicate the location of flowers through a waggle dance whose angle shows the"
                + " direction of the food compared with the sun.";
        var a = dedup.fingerprint("v1", text);
        var b = dedup.fingerprint("v1", text.replace("location", "position"));
        var c = dedup.fingerprint("v1", "Version control systems record every change to a project as a commit.");
        assertThat(a.sharesBucketWith(b)).isTrue();
        assertThat(dedup.isNearDuplicate(a.signature(), b.signature())).isTrue();
        assertThat(a.sharesBucketWith(c)).isFalse();
        // the same text in another dataset version is not a candidate there
        assertThat(a.sharesBucketWith(dedup.fingerprint("v2", text))).isFalse();
        assertThat(Arrays.equals(a.signature(), dedup.fingerprint("v2", text).signature())).isTrue();
    }
}
