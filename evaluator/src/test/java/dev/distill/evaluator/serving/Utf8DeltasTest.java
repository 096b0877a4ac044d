package dev.distill.evaluator.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.model.ByteTokenizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8DeltasTest {

    private static List<String> pieces(int[] tokens) {
        Utf8Deltas deltas = new Utf8Deltas();
        List<String> out = new ArrayList<>();
        for (int token : tokens) {
            out.add(deltas.push(token));
        }
        out.add(deltas.finish());
        return out;
    }

    private static int[] bytes(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int[] tokens = new int[utf8.length];
        for (int i = 0; i < utf8.length; i++) {
            tokens[i] = utf8[i] & 0xff;
        }
        return tokens;
    }

    @Test
    void holdsBackACharacterUntilItsLastByte() {
        // "é" is two bytes, "€" three, "😀" four (a surrogate pair)
        assertThat(pieces(bytes("aé€😀"))).containsExactly("a", "", "é", "", "", "€", "", "", "", "😀", "");
    }

    @Test
    void skipsSpecialTokensAndEndsAnUnfinishedCharacterAsReplacement() {
        int[] tokens = {'h', ByteTokenizer.END_OF_TURN, 'i', 0xe2, 0x82};
        assertThat(String.join("", pieces(tokens))).isEqualTo("hi\uFFFD");
        assertThat(String.join("", pieces(tokens))).isEqualTo(ByteTokenizer.instance().decode(tokens));
    }

    @Test
    void addsUpToTheWholeDecodingForAnyBytes() {
        // an untrained student emits arbitrary bytes: the pieces must still add up to what the non-streamed answer has
        Random random = new Random(11);
        for (int run = 0; run < 500; run++) {
            int[] tokens = new int[random.nextInt(40)];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = random.nextInt(4) == 0 ? 0x80 + random.nextInt(0x80) : random.nextInt(ByteTokenizer.VOCAB_SIZE);
            }
            assertThat(String.join("", pieces(tokens))).isEqualTo(ByteTokenizer.instance().decode(tokens));
        }
    }
}
