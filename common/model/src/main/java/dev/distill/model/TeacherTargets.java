package dev.distill.model;

import dev.distill.events.TokenLogprob;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The teacher's top-k token distributions projected onto the byte-level student.
 *
 * <p><b>Projection.</b> The teacher's chosen tokens, concatenated, must be the answer byte for byte
 * (UTF-8). A teacher token that starts at answer byte {@code o} contributes one distribution, at
 * the student position that predicts answer byte {@code o}: its alternatives (the top list plus
 * the chosen token, if the list lacks it, with its own logprob) are grouped by their <em>first</em>
 * UTF-8 byte, their probabilities exp(logprob) summed per byte and renormalised over the kept mass.
 * The other bytes of the token and the final EOS get no distribution: they are hard targets
 * (cross-entropy only). The result is aligned with the answer part of
 * {@link ByteTokenizer#encodeExample}: index {@code j < answerBytes} is answer byte {@code j},
 * index {@code answerBytes} is the EOS. See {@link EncodedExample#withTeacher}.
 *
 * <p><b>Limits.</b>
 * <ul>
 *   <li>Only the first byte of each teacher token is distilled. Alternatives that share a first
 *       byte are indistinguishable ("12" and "13" both count for '1'), and what the teacher thinks
 *       of later bytes is not used. For multi-byte characters the first byte is a UTF-8 lead byte,
 *       shared by a whole block of characters (all of Arabic U+0600..U+06FF starts with 0xD8..0xDB),
 *       so there the projection carries little information. It is exact for one-byte tokens, e.g.
 *       the reference teacher's ASCII code points.</li>
 *   <li>Mass outside the top-k is dropped, not spread: the student learns the teacher's relative
 *       preferences among its top alternatives.</li>
 *   <li>The teacher's probabilities are used as reported (at whatever temperature the teacher
 *       reported them), and token strings are taken literally: a special token rendered as text
 *       (say "&lt;|end|&gt;") counts for its first character.</li>
 *   <li>Alternatives that are empty, start with an unpaired surrogate (not valid UTF-8) or have a
 *       non-finite logprob are dropped. A token whose alternatives are all dropped, or that has
 *       none, gets no distribution (a one-hot on the chosen byte would only repeat the hard
 *       target). Empty chosen tokens cover no bytes and are skipped.</li>
 *   <li>Tokens that do not reproduce the answer (byte-fallback pieces such as "&lt;0xE2&gt;", a
 *       character split across tokens, text normalised by the curator or redacted) give
 *       {@link Outcome#MISALIGNED}: the sample then trains with cross-entropy only.</li>
 * </ul>
 *
 * @param outcome whether distributions were projected, and why not
 * @param answer the answer the targets belong to
 * @param distributions answer byte count + 1 entries (the last is the EOS), null where the
 *     position is a hard target; empty unless the outcome is {@link Outcome#PROJECTED}
 */
public record TeacherTargets(Outcome outcome, String answer, ByteDistribution[] distributions) {

    /** Why a sample does or does not get teacher distributions, for counting in the service. */
    public enum Outcome {
        /** At least one position has a teacher distribution. */
        PROJECTED,
        /** The sample carries no teacher tokens (the teacher gave none, or they were redacted). */
        NO_TOKENS,
        /** The tokens reproduce the answer but none has a usable alternative. */
        NO_ALTERNATIVES,
        /** The concatenated tokens differ from the answer. */
        MISALIGNED
    }

    public TeacherTargets {
        if (outcome == Outcome.PROJECTED
                && distributions.length != answer.getBytes(StandardCharsets.UTF_8).length + 1) {
            throw new IllegalArgumentException("need one entry per answer byte plus the EOS, got " + distributions.length);
        }
        if (outcome != Outcome.PROJECTED && distributions.length != 0) {
            throw new IllegalArgumentException(outcome + " carries no distributions");
        }
    }

    /** Projects the teacher's tokens for {@code answer}; see the class comment. */
    public static TeacherTargets project(String answer, List<TokenLogprob> tokens) {
        if (tokens == null || tokens.isEmpty()) {
            return none(Outcome.NO_TOKENS, answer);
        }
        byte[] answerBytes = answer.getBytes(StandardCharsets.UTF_8);
        ByteDistribution[] out = new ByteDistribution[answerBytes.length + 1];
        int offset = 0;
        boolean any = false;
        for (TokenLogprob token : tokens) {
            byte[] bytes = strictUtf8(token.token());
            if (bytes == null || offset + bytes.length > answerBytes.length
                    || !Arrays.equals(bytes, 0, bytes.length, answerBytes, offset, offset + bytes.length)) {
                return none(Outcome.MISALIGNED, answer);
            }
            if (bytes.length > 0) {
                out[offset] = firstByteDistribution(token);
                any |= out[offset] != null;
            }
            offset += bytes.length;
        }
        if (offset != answerBytes.length) {
            return none(Outcome.MISALIGNED, answer);
        }
        return any ? new TeacherTargets(Outcome.PROJECTED, answer, out) : none(Outcome.NO_ALTERNATIVES, answer);
    }

    public boolean projected() {
        return outcome == Outcome.PROJECTED;
    }

    /** Number of positions that have a teacher distribution. */
    public int positions() {
        int n = 0;
        for (ByteDistribution d : distributions) {
            if (d != null) {
                n++;
            }
        }
        return n;
    }

    private static TeacherTargets none(Outcome outcome, String answer) {
        return new TeacherTargets(outcome, answer, new ByteDistribution[0]);
    }

    /** Alternatives merged by first byte and renormalised, or null when none is usable. */
    private static ByteDistribution firstByteDistribution(TokenLogprob token) {
        if (token.top().isEmpty()) {
            return null;
        }
        TreeMap<Integer, Double> mass = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (TokenLogprob.Alternative a : token.top()) {
            add(mass, seen, a.token(), a.logprob());
        }
        add(mass, seen, token.token(), token.logprob()); // no-op when the top list already has it
        double total = mass.values().stream().mapToDouble(Double::doubleValue).sum();
        if (!(total > 0)) {
            return null;
        }
        int[] ids = new int[mass.size()];
        float[] probs = new float[mass.size()];
        int i = 0;
        for (var e : mass.entrySet()) {
            ids[i] = e.getKey();
            probs[i++] = (float) (e.getValue() / total);
        }
        return new ByteDistribution(ids, probs);
    }

    private static void add(TreeMap<Integer, Double> mass, Set<String> seen, String token, double logprob) {
        if (token.isEmpty() || !seen.add(token)) {
            return; // a repeated alternative counts once
        }
        int first = firstByte(token);
        double p = Math.exp(logprob);
        if (first < 0 || !Double.isFinite(p) || p <= 0) {
            return;
        }
        mass.merge(first, p, Double::sum);
    }

    /** First UTF-8 byte of the first code point, or -1 when that code point is an unpaired surrogate. */
    private static int firstByte(String token) {
        int cp = token.codePointAt(0);
        if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
            return -1;
        }
        return new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)[0] & 0xFF;
    }

    /** UTF-8 bytes, or null when the string holds an unpaired surrogate (String.getBytes would write '?'). */
    private static byte[] strictUtf8(String s) {
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TeacherTargets t && outcome == t.outcome && answer.equals(t.answer)
                && Arrays.equals(distributions, t.distributions);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * outcome.hashCode() + answer.hashCode()) + Arrays.hashCode(distributions);
    }

    @Override
    public String toString() {
        return "TeacherTargets[" + outcome + ", positions=" + positions() + "]";
    }
}
