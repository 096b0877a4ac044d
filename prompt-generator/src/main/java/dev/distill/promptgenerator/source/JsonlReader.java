package dev.distill.promptgenerator.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Reads a JSONL stream one line at a time, so an upload of any size is read with memory bounded by
 * {@code maxLineBytes}. A bad line (too long, not UTF-8) comes back as an error with its 1-based number instead of
 * ending the read, so the good lines around it are still used. Blank lines are skipped but keep their number, so
 * reported numbers match what an editor shows.
 */
public final class JsonlReader implements Iterator<JsonlReader.Line> {

    /** One non-blank line: exactly one of {@code text} and {@code error} is set. */
    public record Line(long number, String text, String error) {
        public Line {
            if ((text == null) == (error == null)) {
                throw new IllegalArgumentException("a line has either text or an error");
            }
        }
    }

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final int INITIAL_BUFFER = 8192;

    private final InputStream in;
    private final int maxLineBytes;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    /** Holds at most {@code maxLineBytes + 1} bytes: the extra one is a {@code \r} that may end the line. */
    private byte[] buffer;
    private long number;
    private boolean started;
    private boolean ended;
    private Line next;

    public JsonlReader(InputStream in, int maxLineBytes) {
        if (maxLineBytes <= 0) {
            throw new IllegalArgumentException("maxLineBytes must be positive, was " + maxLineBytes);
        }
        this.in = new BufferedInputStream(in);
        this.maxLineBytes = maxLineBytes;
        this.buffer = new byte[Math.min(INITIAL_BUFFER, maxLineBytes + 1)];
    }

    @Override
    public boolean hasNext() {
        if (next == null && !ended) {
            next = readNonBlank();
            ended = next == null;
        }
        return next != null;
    }

    @Override
    public Line next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Line line = next;
        next = null;
        return line;
    }

    private Line readNonBlank() {
        try {
            if (!started) {
                started = true;
                skipBom();
            }
            Line line;
            do {
                line = readLine();
            } while (line != null && line.text() != null && line.text().isBlank());
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void skipBom() throws IOException {
        in.mark(BOM.length);
        byte[] start = in.readNBytes(BOM.length);
        if (!Arrays.equals(start, BOM)) {
            in.reset();
        }
    }

    /** The next line, blank or not, or null at the end of the stream. */
    private Line readLine() throws IOException {
        int length = 0;
        boolean tooLong = false;
        int b = in.read();
        if (b == -1) {
            return null;
        }
        number++;
        while (b != -1 && b != '\n') {
            if (!tooLong) {
                if (length == maxLineBytes + 1) {
                    tooLong = true;
                } else {
                    append(length++, (byte) b);
                }
            }
            b = in.read();
        }
        if (length > 0 && buffer[length - 1] == '\r') {
            length--;
        }
        if (tooLong || length > maxLineBytes) {
            return new Line(number, null, "line is longer than " + maxLineBytes + " bytes");
        }
        try {
            return new Line(number, decoder.decode(ByteBuffer.wrap(buffer, 0, length)).toString(), null);
        } catch (CharacterCodingException e) {
            return new Line(number, null, "line is not valid UTF-8");
        }
    }

    private void append(int index, byte b) {
        if (index == buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, maxLineBytes + 1L));
        }
        buffer[index] = b;
    }
}
