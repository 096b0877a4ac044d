package dev.distill.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ByteTokenizerTest {

    private final ByteTokenizer tokenizer = ByteTokenizer.instance();

    @Test
    void roundTripsAsciiArabicAndEmoji() {
        for (String text : List.of("What is 347 + 285?\n#### 632", "ما هو ٣ + ٤؟", "sum 👍🏽 = 🚀🎉", "", "mixé ñ 中文")) {
            int[] ids = tokenizer.encode(text);
            assertThat(java.util.Arrays.stream(ids).allMatch(id -> id >= 0 && id < 256)).isTrue();
            assertThat(ids).hasSize(text.getBytes(StandardCharsets.UTF_8).length);
            assertThat(tokenizer.decode(ids)).isEqualTo(text);
        }
    }

    @Test
    void decodingBrokenUtf8DoesNotThrow() {
        int[] emoji = tokenizer.encode("a🚀");
        int[] cut = Arrays.copyOf(emoji, 3); // 'a' plus the first two of four bytes
        assertThat(tokenizer.decode(cut)).startsWith("a").contains("\uFFFD");
        assertThat(tokenizer.decode(new int[] {0xC3})).isEqualTo("\uFFFD");
        assertThat(tokenizer.decode(new int[] {0xFF, 'x'})).endsWith("x");
    }

    @Test
    void decodeSkipsSpecialTokens() {
        int[] ids = {ByteTokenizer.BOS, 'h', 'i', ByteTokenizer.EOS, ByteTokenizer.PAD};
        assertThat(tokenizer.decode(ids)).isEqualTo("hi");
    }

    @Test
    void promptLayoutIsBosRoleContentEndOfTurnThenAssistant() {
        int[] ids = tokenizer.encodePrompt(List.of(ChatTurn.system("S"), ChatTurn.user("hi")));
        assertThat(ids).containsExactly(ByteTokenizer.BOS, ByteTokenizer.SYSTEM, 'S', ByteTokenizer.END_OF_TURN,
                ByteTokenizer.USER, 'h', 'i', ByteTokenizer.END_OF_TURN, ByteTokenizer.ASSISTANT);
    }

    @Test
    void exampleMaskCoversExactlyTheAnswerBytesAndEos() {
        List<ChatTurn> prompt = List.of(ChatTurn.user("What is 2 + 3?"));
        String answer = "2+3=5\n#### 5 ✓";
        EncodedExample e = tokenizer.encodeExample(prompt, answer);
        int[] promptIds = tokenizer.encodePrompt(prompt);
        int answerBytes = answer.getBytes(StandardCharsets.UTF_8).length;
        assertThat(e.length()).isEqualTo(promptIds.length + answerBytes + 1);
        assertThat(Arrays.copyOf(e.tokens(), promptIds.length)).containsExactly(promptIds);
        assertThat(e.tokens()[e.length() - 1]).isEqualTo(ByteTokenizer.EOS);
        for (int i = 0; i < e.length(); i++) {
            assertThat(e.answerMask()[i]).as("mask at %d", i).isEqualTo(i >= promptIds.length);
        }
        assertThat(e.answerTokenCount()).isEqualTo(answerBytes + 1);
        int[] answerIds = Arrays.copyOfRange(e.tokens(), promptIds.length, e.length());
        assertThat(tokenizer.decode(answerIds)).isEqualTo(answer);
    }

    @Test
    void chatTurnRejectsUnknownRoles() {
        assertThat(new ChatTurn("USER", "x").role()).isEqualTo("user");
        assertThatThrownBy(() -> new ChatTurn("tool", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("system, user, assistant");
    }
}
