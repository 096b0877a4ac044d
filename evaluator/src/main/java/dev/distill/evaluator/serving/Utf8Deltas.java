package dev.distill.evaluator.serving;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of a byte-level student's tokens as they come: a character split over several tokens is held back until
 * its last byte arrives, and bytes that are not UTF-8 become U+FFFD, as {@code ByteTokenizer.decode} does for the whole
 * completion, so the pieces add up to the text a non-streamed answer has. Special tokens carry no text.
 */
final class Utf8Deltas {

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    // at most three bytes of an unfinished character wait here, plus the one just added
    private final ByteBuffer pending = ByteBuffer.allocate(8);
    private final CharBuffer decoded = CharBuffer.allocate(16);

    /** The text the token completes; empty while a character is unfinished or for a special token. */
    String push(int token) {
        if (token < 0 || token > 255) {
            return "";
        }
        pending.put((byte) token);
        return drain(false);
    }

    /** What is left at the end: an unfinished character, as U+FFFD. */
    String finish() {
        String rest = drain(true);
        decoded.clear();
        decoder.flush(decoded);
        return rest + decoded.flip();
    }

    private String drain(boolean endOfInput) {
        pending.flip();
        decoded.clear();
        decoder.decode(pending, decoded, endOfInput);
        pending.compact();
        return decoded.flip().toString();
    }
}
