package dev.distill.curator.filter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data and secrets in a text with placeholders: secrets ({@code [SECRET]}), email addresses
 * ({@code [EMAIL]}), payment card numbers ({@code [CARD]}), IP addresses ({@code [IP]}) and phone numbers
 * ({@code [PHONE]}), in that order (a placeholder has no digits, so a later kind never sees an earlier one's text).
 *
 * <p>The patterns are built not to touch the texts a distillation corpus is made of: arithmetic ({@code 123 + 456 =
 * 579}, {@code 982-145=837}), sorted lists, dates, decimals and version numbers. So a number is only a card when it
 * has an issuer's prefix and length, a card's grouping and a valid Luhn check digit; a digit sequence is only a phone
 * when it has a leading {@code +}, an area code in parentheses, or separators in a phone's grouping (and, with plain
 * spaces, a group with a leading zero, which no number in a list of numbers has); and a contiguous or
 * space-separated card number also needs a card word nearby ({@code card}, {@code visa}, {@code بطاقة}, ...).
 * Numbers written next to an arithmetic operator are never cards or phones.
 */
public final class PiiRedactor {

    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    public static final String CARD = "card";
    public static final String IP = "ip";
    public static final String SECRET = "secret";

    /** The text with placeholders, and how many of each kind were replaced (kinds with none are left out). */
    public record Redacted(String text, Map<String, Integer> counts) {

        public boolean changed() {
            return !counts.isEmpty();
        }
    }

    private static final String HEX = "[0-9A-Fa-f]";

    // ---- secrets ----
    private static final List<Pattern> SECRETS = List.of(
            // OpenAI-style keys, sk-... and sk-proj-...
            Pattern.compile("(?<![A-Za-z0-9_-])sk-(?:proj-)?[A-Za-z0-9_-]{20,}"),
            // AWS access key id
            Pattern.compile("(?<![A-Za-z0-9])AKIA[0-9A-Z]{16}(?![A-Za-z0-9])"),
            // GitHub tokens
            Pattern.compile("(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,}"),
            // Slack tokens
            Pattern.compile("(?<![A-Za-z0-9])xox[baprs]-[A-Za-z0-9-]{10,}"),
            // Google API keys
            Pattern.compile("(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}"),
            // PEM private keys, up to their END line (or the end of the text when it was cut off)
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z ]*-----|\\z)"));
    /** Per pattern of {@link #SECRETS}, text every match of it contains. */
    private static final List<String> SECRET_LITERALS = List.of("sk-", "AKIA", "_", "xox", "AIza", "-----BEGIN ");
    /** Every match of {@link #LABELLED_SECRET} contains one of these, in any ASCII case. */
    private static final List<String> SECRET_LABELS = List.of("key", "secret", "token", "password");
    /** {@code password: hunter2hunter2}, {@code "api_key": "..."}: the label (and quotes) stay, the value goes. */
    private static final Pattern LABELLED_SECRET = Pattern.compile(
            "(?<![A-Za-z0-9])((?:[A-Za-z0-9]+[_-]){0,6}(?:api[_-]?key|secret|token|password)[\"']?\\s*[:=]\\s*[\"']?)"
                    + "(?!\\[SECRET])[^\\s\"',;]{8,}",
            Pattern.CASE_INSENSITIVE);

    // ---- email ----
    private static final Pattern EMAIL_ADDRESS = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@"
                    + "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?){0,8}"
                    + "\\.[A-Za-z]{2,}(?![A-Za-z0-9-])");

    // ---- numbers: what may not surround a card or phone ----
    /** An arithmetic operator (or comparison) just before a number: it is an operand, not a card or phone. */
    private static final Pattern OPERATOR_BEFORE = Pattern.compile("(?:[=+×*/÷<>^%−–]|\\d\\s*-)\\s*$");
    /** An arithmetic operator just after (a dash only when a number follows: minus). */
    private static final Pattern OPERATOR_AFTER = Pattern.compile("^\\s*(?:[=+×*/÷<>^%−–]|-\\s*\\d)");

    // ---- cards ----
    /** A whole run of digits, possibly split by single spaces or dashes; not a piece of a longer run or a decimal. */
    private static final Pattern CARD_CANDIDATE = Pattern.compile(
            "(?<![\\d.,-])(?<!\\d )\\d(?:[ -]?\\d){12,18}(?!\\d)(?![ -]-?\\d)(?![.,]\\d)");

    /** Words that say a number nearby is a payment card's, in the languages of the corpus. */
    private static final Pattern CARD_CONTEXT = Pattern.compile(
            "card|credit|debit|visa|master ?card|amex|american express|discover|diners|jcb|maestro|union ?pay"
                    + "|payment|\\bcc\\b|\\bpan\\b|بطاق|ائتمان|carte|tarjeta|karte|信用卡|银行卡|卡号|карт",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    // ---- IP addresses ----
    private static final Pattern IPV6_CANDIDATE = Pattern.compile(
            "(?<![0-9A-Za-z:.])" + HEX + "{0,4}(?::" + HEX + "{0,4}){2,8}"
                    + "(?::(?:\\d{1,3}\\.){3}\\d{1,3})?(?![0-9A-Za-z:]|\\.\\d)");
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\w.])(?<!\\d\\.)(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?![\\w])(?!\\.\\d)");

    // ---- phones ----
    /**
     * +country code, then digit groups split by a space, dash or dot, an area code possibly in parentheses:
     * {@code +1 415 555 0132}, {@code +44 (0)20 7946 0958}, {@code +7 495 123-45-67}, {@code +14155550132}. The
     * country code and the rest are told apart by counting digits only (possessive runs: no backtracking).
     */
    private static final Pattern PHONE_INTERNATIONAL = Pattern.compile(
            "(?<![\\w+)\\]])(?<!\\d )\\+\\d++(?:[ .-]?\\(\\d{1,4}\\)[ .-]?\\d++)?(?:[ .-]\\d++){0,7}(?![.,]\\d)");
    /** An area code in parentheses: (415) 555-0132, (020) 7946 0958. */
    private static final Pattern PHONE_PARENTHESES = Pattern.compile(
            "(?<![\\w)])\\(\\d{2,5}\\)[ .-]?\\d{2,5}(?:[ .-]?\\d{2,5}){0,2}(?!\\d)(?![.,]\\d)");
    /** Digit groups split by one kind of separator: 415-555-0132, 415.555.0132, 020 7946 0958. */
    private static final Pattern PHONE_GROUPED = Pattern.compile(
            "(?<![\\w.+-])(?<!\\d )\\d{2,5}(?:[ .-]\\d{2,7}){1,4}(?![\\w])(?![ .-]\\d)(?![.,]\\d)");
    /** Groupings of digits (per group) a phone is written in without a + or parentheses. */
    private static final List<List<Integer>> PHONE_LAYOUTS = List.of(
            List.of(3, 4), List.of(3, 3, 4), List.of(3, 4, 4), List.of(2, 4, 4), List.of(4, 3, 4), List.of(4, 3, 3),
            List.of(4, 4, 4), List.of(3, 3, 2, 2), List.of(3, 2, 2, 2), List.of(2, 2, 2, 2, 2), List.of(2, 3, 4),
            List.of(3, 3, 3), List.of(4, 6), List.of(3, 7), List.of(4, 7), List.of(5, 6), List.of(2, 8));

    /** Stateless and thread-safe: the patterns are compiled once, for every instance. */
    public PiiRedactor() {
    }

    public Redacted redact(String text) {
        if (text == null || text.isEmpty()) {
            return new Redacted(text, Map.of());
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        String out = text;
        // Each pattern runs only when the text has what any match of it must contain (most texts have no '@', no
        // key prefix, ...). Placeholders hold none of those characters, so what the original text lacks, every
        // text after a replacement lacks too.
        Characters has = Characters.of(text);
        for (int i = 0; i < SECRETS.size(); i++) {
            if (text.contains(SECRET_LITERALS.get(i))) {
                out = replace(out, SECRETS.get(i), m -> "[SECRET]", SECRET, counts);
            }
        }
        if (containsLabel(out)) { // after the secrets: "[SECRET]" is one
            out = replace(out, LABELLED_SECRET, m -> m.group(1) + "[SECRET]", SECRET, counts);
        }
        if (has.at) {
            out = replace(out, EMAIL_ADDRESS, m -> "[EMAIL]", EMAIL, counts);
        }
        if (has.digits >= 13) {
            out = replaceValid(out, CARD_CANDIDATE, PiiRedactor::isCard, "[CARD]", CARD, counts);
        }
        if (has.colons >= 2) {
            out = replaceValid(out, IPV6_CANDIDATE, (s, m) -> isIpv6(m.group()), "[IP]", IP, counts);
        }
        if (has.dots >= 3 && has.digits >= 4) {
            out = replaceValid(out, IPV4, (s, m) -> isIpv4(m), "[IP]", IP, counts);
        }
        if (has.plus) {
            out = replaceValid(out, PHONE_INTERNATIONAL, PiiRedactor::isInternationalPhone, "[PHONE]", PHONE, counts);
        }
        if (has.parenthesis) {
            out = replaceValid(out, PHONE_PARENTHESES, PiiRedactor::isParenthesesPhone, "[PHONE]", PHONE, counts);
        }
        if (has.digits >= 4) {
            out = replaceValid(out, PHONE_GROUPED, PiiRedactor::isGroupedPhone, "[PHONE]", PHONE, counts);
        }
        return new Redacted(out, Collections.unmodifiableMap(counts));
    }

    /** Counts of the characters the patterns need ({@code \d} is an ASCII digit: no UNICODE_CHARACTER_CLASS). */
    private record Characters(int digits, boolean at, int colons, int dots, boolean plus, boolean parenthesis) {

        static Characters of(String text) {
            int digits = 0;
            int colons = 0;
            int dots = 0;
            boolean at = false;
            boolean plus = false;
            boolean parenthesis = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= '0' && c <= '9') {
                    digits++;
                } else if (c == ':') {
                    colons++;
                } else if (c == '.') {
                    dots++;
                } else if (c == '@') {
                    at = true;
                } else if (c == '+') {
                    plus = true;
                } else if (c == '(') {
                    parenthesis = true;
                }
            }
            return new Characters(digits, at, colons, dots, plus, parenthesis);
        }
    }

    private static boolean containsLabel(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toLowerCase(text.charAt(i));
            if (c == 'k' || c == 's' || c == 't' || c == 'p') { // the first letters of the labels
                for (String label : SECRET_LABELS) {
                    if (text.regionMatches(true, i, label, 0, label.length())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- replacing

    private static String replace(String text, Pattern pattern, Function<Matcher, String> replacement, String kind,
            Map<String, Integer> counts) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            out = out == null ? new StringBuilder(text.length()) : out;
            out.append(text, last, m.start()).append(replacement.apply(m));
            last = m.end();
            counts.merge(kind, 1, Integer::sum);
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    private interface Check {
        boolean test(String text, Matcher m);
    }

    private static String replaceValid(String text, Pattern pattern, Check check, String placeholder, String kind,
            Map<String, Integer> counts) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            if (!check.test(text, m)) {
                continue;
            }
            out = out == null ? new StringBuilder(text.length()) : out;
            out.append(text, last, m.start()).append(placeholder);
            last = m.end();
            counts.merge(kind, 1, Integer::sum);
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    /** Whether the number at the match is an operand of arithmetic written around it. */
    private static boolean nextToOperator(String text, int start, int end) {
        String before = text.substring(Math.max(0, start - 4), start);
        String after = text.substring(end, Math.min(text.length(), end + 4));
        return OPERATOR_BEFORE.matcher(before).find() || OPERATOR_AFTER.matcher(after).find();
    }

    // ---------------------------------------------------------------- cards

    private static boolean isCard(String text, Matcher m) {
        String match = m.group();
        if (nextToOperator(text, m.start(), m.end())) {
            return false;
        }
        List<Integer> groups = groups(match, "[ -]");
        if (groups == null) {
            return false;
        }
        String digits = match.replaceAll("\\D", "");
        if (!cardLayout(groups, digits.length()) || !issuedLength(digits) || !luhn(digits)) {
            return false;
        }
        // a long number in a maths question (how often does 4 appear in 4054294494440825?), or the four numbers
        // left of a list being sorted, pass the checks above a few times in a hundred: unless the number is
        // written the way only cards are, it needs a card word nearby
        return cardOnlyWriting(match) || CARD_CONTEXT.matcher(text.substring(Math.max(0, m.start() - 60), m.start())
                + " " + text.substring(m.end(), Math.min(text.length(), m.end() + 30))).find();
    }

    /** Dash-separated groups (4111-1111-1111-1111), or space-separated with a group no list number has (0566). */
    private static boolean cardOnlyWriting(String match) {
        if (match.indexOf('-') > 0 && match.indexOf(' ') < 0) {
            return true;
        }
        if (match.indexOf(' ') > 0) {
            for (String group : match.split("[ -]")) {
                if (group.charAt(0) == '0') {
                    return true;
                }
            }
        }
        return false;
    }

    /** Contiguous; groups of four with a shorter last one (4-4-4-4, 4-4-4-4-3, 4-4-4-1); or Amex/Diners 4-6-5, 4-6-4. */
    private static boolean cardLayout(List<Integer> groups, int digits) {
        if (groups.size() == 1) {
            return true;
        }
        if (groups.equals(List.of(4, 6, 5)) || groups.equals(List.of(4, 6, 4))) {
            return true;
        }
        for (int i = 0; i < groups.size() - 1; i++) {
            if (groups.get(i) != 4) {
                return false;
            }
        }
        return groups.size() >= 4 && groups.get(groups.size() - 1) <= 4 && digits >= 13;
    }

    /** The prefix and length of a number a card network issues (Visa, Mastercard, Amex, Diners, JCB, Discover, ...). */
    static boolean issuedLength(String digits) {
        int n = digits.length();
        int two = Integer.parseInt(digits.substring(0, 2));
        int four = Integer.parseInt(digits.substring(0, 4));
        return switch (digits.charAt(0)) {
            case '4' -> n == 13 || n == 16 || n == 19; // Visa
            case '5' -> two >= 51 && two <= 55 ? n == 16 : n >= 12; // Mastercard; Maestro 50, 56-58
            case '2' -> four >= 2221 && four <= 2720 && n == 16; // Mastercard 2-series
            case '3' -> two == 34 || two == 37 ? n == 15 // Amex
                    : two == 36 || two == 38 || two == 39 || (two == 30 && four <= 3059) ? n >= 14 // Diners
                    : two == 35 && n >= 16; // JCB
            case '6' -> n >= 16; // Discover, UnionPay, Maestro
            default -> false;
        };
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    // ---------------------------------------------------------------- IP addresses

    private static boolean isIpv4(Matcher m) {
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Full (eight groups) or {@code ::}-compressed, at least two hex groups and a digit (so no {@code a::b} code). */
    static boolean isIpv6(String s) {
        String hexPart = s;
        int extra = 0;
        int lastColon = s.lastIndexOf(':');
        if (s.indexOf('.') >= 0) { // an IPv4 tail counts as two groups
            String v4 = s.substring(lastColon + 1);
            Matcher m = IPV4.matcher(v4);
            if (!m.matches() || !isIpv4(m)) {
                return false;
            }
            hexPart = s.substring(0, lastColon + 1) + "0";
            extra = 1;
        }
        int compressed = hexPart.indexOf("::");
        if (compressed >= 0 && hexPart.indexOf("::", compressed + 1) >= 0) {
            return false;
        }
        if (hexPart.contains(":::")) {
            return false;
        }
        List<String> groups = new ArrayList<>();
        for (String part : (compressed >= 0 ? hexPart.replace("::", ":") : hexPart).split(":", -1)) {
            if (!part.isEmpty()) {
                groups.add(part);
            } else if (compressed < 0) {
                return false; // an empty group without ::
            }
        }
        int count = groups.size() + extra;
        if (compressed < 0 ? count != 8 : count > 7) {
            return false;
        }
        if (count < 2) {
            return false;
        }
        return s.chars().anyMatch(Character::isDigit);
    }

    // ---------------------------------------------------------------- phones

    private static boolean isInternationalPhone(String text, Matcher m) {
        if (nextToOperator(text, m.start(), m.end())) {
            return false;
        }
        String match = m.group();
        int firstRun = 1;
        while (firstRun < match.length() && Character.isDigit(match.charAt(firstRun))) {
            firstRun++;
        }
        long digits = match.chars().filter(Character::isDigit).count();
        // a country code of 1-3 digits and 6-14 more (or all of it written together)
        return digits >= 7 && digits <= 17 && (firstRun - 1 <= 3 || match.length() == firstRun);
    }

    private static boolean isParenthesesPhone(String text, Matcher m) {
        if (nextToOperator(text, m.start(), m.end())) {
            return false;
        }
        long digits = m.group().chars().filter(Character::isDigit).count();
        return digits >= 7 && digits <= 15;
    }

    private static boolean isGroupedPhone(String text, Matcher m) {
        String match = m.group();
        if (nextToOperator(text, m.start(), m.end())) {
            return false;
        }
        char separator = 0;
        for (char c : match.toCharArray()) {
            if (!Character.isDigit(c)) {
                if (separator != 0 && c != separator) {
                    return false; // one kind of separator throughout
                }
                separator = c;
            }
        }
        List<Integer> groups = groups(match, "[ .-]");
        int digits = groups.stream().mapToInt(Integer::intValue).sum();
        if (digits < 7 || digits > 15) {
            return false;
        }
        if (separator == ' ') {
            // plain spaces also separate the numbers of a list; none of those has a leading zero, a phone often does
            boolean leadingZero = false;
            for (String group : match.split(" ")) {
                leadingZero |= group.length() >= 2 && group.charAt(0) == '0';
            }
            return leadingZero && (PHONE_LAYOUTS.contains(groups) || match.charAt(0) == '0' && digits >= 9);
        }
        if (separator == '.' && groups.size() < 3) {
            return false; // 555.0132 is a decimal number
        }
        return PHONE_LAYOUTS.contains(groups);
    }

    /** Digits per group, or null when a separator is doubled. */
    private static List<Integer> groups(String match, String separator) {
        List<Integer> groups = new ArrayList<>();
        for (String group : match.split(separator, -1)) {
            if (group.isEmpty()) {
                return null;
            }
            groups.add(group.length());
        }
        return groups;
    }
}
