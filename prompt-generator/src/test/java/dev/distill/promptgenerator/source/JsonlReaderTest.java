package dev.distill.promptgenerator.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distill.promptgenerator.source.JsonlReader.Line;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class JsonlReaderTest {

    private static List<Line> read(byte[] bytes, int maxLineBytes) {
        return read(new ByteArrayInputStream(bytes), maxLineBytes);
    }

    private static List<Line> read(InputStream in, int maxLineBytes) {
        List<Line> lines = new ArrayList<>();
        new JsonlReader(in, maxLineBytes).forEachRemaining(lines::add);
        return lines;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Line ok(long number, String text) {
        return new Line(number, text, null);
    }

    @Test
    void stripsCrFromCrlfLines() {
        assertThat(read(utf8("{\"a\":1}\r\n{\"b\":2}\r\n"), 100))
                .containsExactly(ok(1, "{\"a\":1}"), ok(2, "{\"b\":2}"));
    }

    @Test
    void returnsAFinalLineWithoutNewline() {
        assertThat(read(utf8("one\ntwo"), 100)).containsExactly(ok(1, "one"), ok(2, "two"));
    }

    @Test
    void skipsBlankLinesButKeepsCounting() {
        assertThat(read(utf8("\none\n\n  \t \r\ntwo\n\n"), 100)).containsExactly(ok(2, "one"), ok(5, "two"));
    }

    @Test
    void emptyStreamHasNoLines() {
        JsonlReader reader = new JsonlReader(new ByteArrayInputStream(new byte[0]), 100);
        assertThat(reader.hasNext()).isFalse();
        assertThatThrownBy(reader::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void ignoresAByteOrderMarkAtTheStartOnly() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] bytes = concat(bom, utf8("first\n"), bom, utf8("second\n"));
        assertThat(read(bytes, 100)).containsExactly(ok(1, "first"), ok(2, "\uFEFFsecond"));
    }

    @Test
    void reportsAnOverLongLineAndNumbersTheNextOneRight() {
        assertThat(read(utf8("12345\n123456\n1234567\nok\n"), 6)).containsExactly(
                ok(1, "12345"),
                ok(2, "123456"),
                new Line(3, null, "line is longer than 6 bytes"),
                ok(4, "ok"));
    }

    @Test
    void aCarriageReturnDoesNotCountTowardsTheLimit() {
        assertThat(read(utf8("123456\r\n1234567\r\n"), 6))
                .containsExactly(ok(1, "123456"), new Line(2, null, "line is longer than 6 bytes"));
    }

    @Test
    void skipsATenMegabyteLineAndReturnsTheNextOne() {
        InputStream huge = new RepeatedByte('x', 10L * 1024 * 1024);
        InputStream in = new SequenceInputStream(huge, new ByteArrayInputStream(utf8("\n{\"prompt\":\"hi\"}\n")));
        assertThat(read(in, 1024 * 1024)).containsExactly(
                new Line(1, null, "line is longer than 1048576 bytes"),
                ok(2, "{\"prompt\":\"hi\"}"));
    }

    @Test
    void reportsInvalidUtf8AndGoesOn() {
        byte[] bytes = concat(utf8("good\n"), new byte[] {'b', (byte) 0xC3, '(', '\n'}, utf8("after\n"));
        assertThat(read(bytes, 100)).containsExactly(
                ok(1, "good"),
                new Line(2, null, "line is not valid UTF-8"),
                ok(3, "after"));
    }

    @Test
    void arabicTextRoundTrips() {
        String line = "{\"prompt\":\"ما هو ناتج ٢ + ٣؟\"}";
        assertThat(read(utf8(line + "\n"), 100)).containsExactly(ok(1, line));
    }

    @Test
    void limitCountsBytesNotCharacters() {
        String arabic = "مرحبا"; // 5 characters, 10 bytes
        assertThat(read(utf8(arabic + "\n"), 9))
                .containsExactly(new Line(1, null, "line is longer than 9 bytes"));
        assertThat(read(utf8(arabic + "\n"), 10)).containsExactly(ok(1, arabic));
    }

    @Test
    void rethrowsReadFailuresUnchecked() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertThatThrownBy(() -> new JsonlReader(failing, 100).hasNext())
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("connection reset");
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** {@code count} copies of one byte, generated on the fly so the test itself holds no large array. */
    private static final class RepeatedByte extends InputStream {
        private final int value;
        private long left;

        RepeatedByte(int value, long count) {
            this.value = value;
            this.left = count;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return value;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            Arrays.fill(b, off, off + n, (byte) value);
            left -= n;
            return n;
        }
    }
}
