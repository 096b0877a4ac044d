package dev.distill.curator.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShinglesTest {

    @Test
    void theHashIsFnv1aThenSplitMix64WithTheirPublishedVectors() {
        assertThat(Shingles.mix(0x9e3779b97f4a7c15L)).isEqualTo(0xe220a8397b1dcdafL); // SplitMix64(seed 0), first output
        assertThat(Shingles.hash("a")).isEqualTo(Shingles.mix(0xaf63dc4c8601ec8cL)); // FNV-1a 64 of "a"
        assertThat(Shingles.hash("")).isEqualTo(Shingles.mix(0xcbf29ce484222325L)); // FNV offset basis
    }

    @Test
    void normalisesCaseWidthAndPunctuation() {
        assertThat(Shingles.tokens("Hello, WORLD! It's 3.5 — ok?")).containsExactly("hello", "world", "its", "35", "ok");
        assertThat(Shingles.tokens("ＨＥＬＬＯ\u00a0world\tagain\n")).containsExactly("hello", "world", "again"); // NFKC, nbsp
        assertThat(Shingles.tokens("ﬁne café")).containsExactly("fine", "café"); // ligature and composed é
        assertThat(Shingles.of("Hello, world!", 2)).containsExactly(Shingles.hash("hello world"));
        assertThat(Shingles.of("the cat sat on the mat", 3)).isEqualTo(Shingles.of("The cat... sat on -- THE mat!", 3));
    }

    @Test
    void keepsArabicWordsWholeAndDropsArabicPunctuation() {
        assertThat(Shingles.tokens("مرحبا، كيف حالك؟")).containsExactly("مرحبا", "كيف", "حالك");
        assertThat(Shingles.tokens("مَرْحَبًا بِكُم")).containsExactly("مَرْحَبًا", "بِكُم"); // diacritics stay inside the word
        assertThat(Shingles.tokens("عندي ١٢ تفاحة")).containsExactly("عندي", "١٢", "تفاحة"); // Arabic-Indic digits
        assertThat(Shingles.tokens("\ufefb")).containsExactly("لا"); // presentation-form ligature, NFKC-decomposed
        assertThat(Shingles.of("مرحبا، كيف حالك؟", 2))
                .containsExactlyInAnyOrder(Shingles.hash("مرحبا كيف"), Shingles.hash("كيف حالك"));
    }

    @Test
    void aShortTextIsOneShingleAndAnEmptyTextNone() {
        assertThat(Shingles.of("two words", 5)).containsExactly(Shingles.hash("two words"));
        assertThat(Shingles.of("exactly three words", 3)).containsExactly(Shingles.hash("exactly three words"));
        assertThat(Shingles.of("", 3)).isEmpty();
        assertThat(Shingles.of("  ,.!?  — ", 3)).isEmpty();
        assertThat(Shingles.of(null, 3)).isEmpty();
        assertThatThrownBy(() -> Shingles.of("text", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void returnsDistinctSortedValues() {
        long[] shingles = Shingles.of("a b a b a b a", 2); // "a b" and "b a", three times each
        assertThat(shingles).hasSize(2).isSorted();
        assertThat(shingles).containsExactlyInAnyOrder(Shingles.hash("a b"), Shingles.hash("b a"));
        assertThat(Shingles.of("one two three four five six", 1)).hasSize(6).isSorted();
    }
}
