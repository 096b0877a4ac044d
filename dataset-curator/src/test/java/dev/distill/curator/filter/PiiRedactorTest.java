package dev.distill.curator.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distill.skills.Problem;
import dev.distill.skills.Skill;
import dev.distill.skills.SkillSuite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * A planted corpus: each line hides one piece of personal data or one secret, which must be replaced (and only it);
 * the arithmetic, sorting and word-problem texts the curator sees all day must come out unchanged.
 */
class PiiRedactorTest {

    private static final PiiRedactor REDACTOR = new PiiRedactor();

    /** The reference teacher's planted contact line (FaultyAnswers.CONTACT_LINE). */
    static final String CONTACT_LINE = "Questions? Write to jane.doe@example.com or call +1 415 555 0132.";

    /** A text with one planted value of one kind. */
    record Planted(String text, String value, String kind) {

        String expected() {
            return text.replace(value, "[" + kind.toUpperCase() + "]");
        }
    }

    private static Planted email(String text, String value) {
        return new Planted(text, value, PiiRedactor.EMAIL);
    }

    private static Planted phone(String text, String value) {
        return new Planted(text, value, PiiRedactor.PHONE);
    }

    private static Planted card(String text, String value) {
        return new Planted(text, value, PiiRedactor.CARD);
    }

    private static Planted ip(String text, String value) {
        return new Planted(text, value, PiiRedactor.IP);
    }

    private static Planted secret(String text, String value) {
        return new Planted(text, value, PiiRedactor.SECRET);
    }

    static final List<Planted> EMAILS = List.of(
            email("Write to jane.doe@example.com for details.", "jane.doe@example.com"),
            email("Contact: john.smith@example.org", "john.smith@example.org"),
            email("<a.b-c_d+tag@sub.example.co.uk>", "a.b-c_d+tag@sub.example.co.uk"),
            email("mailto:user123@mail.example.net", "user123@mail.example.net"),
            email("Escriba a MARIA.GARCIA@EXAMPLE.ES, por favor.", "MARIA.GARCIA@EXAMPLE.ES"),
            email("请发邮件到 li.wei@example.cn 联系我们", "li.wei@example.cn"),
            email("Пишите на ivan.petrov@example.ru.", "ivan.petrov@example.ru"),
            email("Schreiben Sie an support@example-shop.de!", "support@example-shop.de"),
            email("(x@y.io)", "x@y.io"),
            email("first.last@university.edu.au is my address", "first.last@university.edu.au"),
            email("للاستفسار راسلنا على omar.k@example.com أو اتصل بنا", "omar.k@example.com"),
            email("البريد الإلكتروني:fatima.zahra@example.ma.", "fatima.zahra@example.ma"));

    static final List<Planted> PHONES = List.of(
            phone("call +1 415 555 0132.", "+1 415 555 0132"),
            phone("US: (415) 555-0132", "(415) 555-0132"),
            phone("US: 415-555-0132", "415-555-0132"),
            phone("US: 415.555.0132", "415.555.0132"),
            phone("ask for extension 555-0132", "555-0132"),
            phone("+14155550132 (mobile)", "+14155550132"),
            phone("London: 020 7946 0958", "020 7946 0958"),
            phone("London: +44 20 7946 0958", "+44 20 7946 0958"),
            phone("London: +44 (0)20 7946 0958", "+44 (0)20 7946 0958"),
            phone("Paris : +33 1 23 45 67 89", "+33 1 23 45 67 89"),
            phone("Paris : 01 23 45 67 89", "01 23 45 67 89"),
            phone("Berlin: +49 30 12345678", "+49 30 12345678"),
            phone("Berlin: 030 1234567", "030 1234567"),
            phone("Mumbai: +91 98765 43210", "+91 98765 43210"),
            phone("北京：+86 138 0013 8000", "+86 138 0013 8000"),
            phone("Москва: +7 495 123-45-67", "+7 495 123-45-67"),
            phone("São Paulo: +55 11 91234-5678", "+55 11 91234-5678"),
            phone("東京: +81 3-1234-5678", "+81 3-1234-5678"),
            phone("東京: 03-1234-5678", "03-1234-5678"),
            phone("Sydney: 0412 345 678", "0412 345 678"),
            phone("القاهرة: +20 2 2345 6789", "+20 2 2345 6789"),
            phone("دبي: +971 4 123 4567", "+971 4 123 4567"),
            phone("الرياض: +966 11 234 5678", "+966 11 234 5678"));

    /** Network test numbers: Visa, Mastercard (both series), Amex, Discover; contiguous, dashed, spaced. */
    static final List<Planted> CARDS = List.of(
            card("Visa card: 4111 1111 1111 1111", "4111 1111 1111 1111"),
            card("pay with 4012-8888-8888-1881 today", "4012-8888-8888-1881"),
            card("Mastercard 5555555555554444", "5555555555554444"),
            card("number 5105 1051 0510 5100", "5105 1051 0510 5100"),
            card("MC 2223-0031-2200-3222", "2223-0031-2200-3222"),
            card("Amex: 3782 822463 10005", "3782 822463 10005"),
            card("American Express 371449635398431, exp 12/27", "371449635398431"),
            card("Discover 6011-1111-1111-1117", "6011-1111-1111-1117"),
            card("old Visa card 4222222222222", "4222222222222"));

    /** Card-shaped numbers whose check digit is wrong: not cards, they stay. */
    static final List<String> LUHN_INVALID = List.of(
            "Visa card: 4111 1111 1111 1112",
            "Mastercard 5555555555554445",
            "Amex card: 3782 822463 10006",
            "card 4012-8888-8888-1882");

    static final List<Planted> IPS = List.of(
            ip("server at 192.168.1.20.", "192.168.1.20"),
            ip("gateway 10.0.0.1, dns next", "10.0.0.1"),
            ip("from 2001:0db8:85a3:0000:0000:8a2e:0370:7334 today", "2001:0db8:85a3:0000:0000:8a2e:0370:7334"),
            ip("host 2001:db8::8a2e:370:7334", "2001:db8::8a2e:370:7334"),
            ip("link-local fe80::1ff:fe23:4567:890a.", "fe80::1ff:fe23:4567:890a"),
            ip("mapped ::ffff:192.0.2.128 here", "::ffff:192.0.2.128"));

    static final List<Planted> SECRETS = List.of(
            secret("OPENAI_KEY sk-abcdefghijklmnopqrstuvwxyz012345", "sk-abcdefghijklmnopqrstuvwxyz012345"),
            secret("key: sk-proj-Ab3_dE5-fGh7iJk9LmN0pQr2StU4vWx6", "sk-proj-Ab3_dE5-fGh7iJk9LmN0pQr2StU4vWx6"),
            secret("aws AKIAIOSFODNN7EXAMPLE region", "AKIAIOSFODNN7EXAMPLE"),
            secret("gh ghp_abcdefghijklmnopqrstuvwxyz0123456789 x", "ghp_abcdefghijklmnopqrstuvwxyz0123456789"),
            secret("slack xoxb-1234567890-abcdefghij", "xoxb-1234567890-abcdefghij"),
            secret("maps AIzaSyA1234567890abcdefghijklmnopqrstuv ok", "AIzaSyA1234567890abcdefghijklmnopqrstuv"),
            secret("the key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1x2y3z\n-----END RSA PRIVATE KEY-----\ndone",
                    "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1x2y3z\n-----END RSA PRIVATE KEY-----"),
            secret("api_key=abcd1234efgh5678", "abcd1234efgh5678"),
            secret("password: hunter2hunter2", "hunter2hunter2"),
            secret("export GITHUB_TOKEN=zzzzzzzzzzzz", "zzzzzzzzzzzz"),
            secret("{\"secret\": \"shh-its-a-secret\"}", "shh-its-a-secret"));

    /** Arithmetic, sorting and word problems: numbers that look like nothing personal. */
    static final List<String> UNCHANGED = List.of(
            "123 + 456 = 579",
            "12345678",
            "3 - 4 - 5 = -6",
            "The deadline is 2024-01-15, or 15.01.2024 in Europe.",
            "3.14159 × 2 = 6.28318",
            "Sorted: 1, 5, 9, 12",
            "Sort in ascending order: 415 555 1234 9 12",
            "What is 846145 - 1882?",
            "145<982, so 145-982=-(982-145)\n982-145=837, so 145-982=-837\n#### -837",
            "55 mod 4: 4*13=52, 55-52=3\n#### 3",
            "Omar buys 20 pens at 25 dollars each and 29 balls at 55 dollars each. How many dollars does Omar pay?",
            "cost of the pens = 20 × 25 = 500\ncost of the balls = 29 × 55 = 1595\ntotal cost = 500 + 1595 = 2095\n#### 2095",
            "اشترى عمر 20 قلمًا، سعر القلم الواحد 25 دولارًا. كم دولارًا دفع عمر؟\nثمن الأقلام = 20 × 25 = 500\n#### 500",
            "How many times does the digit 4 appear in 4054294494440825?",
            "4111111111111111 - 1 = 4111111111111110",
            "smallest of 4668 5703 9967 9239 is 4668; sorted: -7336 -7000 -1913 -39 245 2727 4668",
            "#### -9871 -9707 -7074 -6370 -5063 -2826 -2207 -690 5634 7850",
            "The release 1.2.3.4.5 fixed it at 12:30:45; use std::vector and Foo::bar.",
            "What is (55 + 82) mod 61?\n55+21=76\n76 mod 61: 61*1=61, 76-61=15\n#### 15",
            "Which is larger: -19.19 or -46?\n#### -19.19",
            "5+2=7\n4+8=12 carry 1\n1+9+1=11 carry 1\ncarry 1\n#### 1127",
            "The token count is 12 and the secret ingredient is love.");

    @Test
    void eachPlantedValueIsReplacedAndCountedAndNothingElseChanges() {
        List<Planted> all = new ArrayList<>();
        all.addAll(EMAILS);
        all.addAll(PHONES);
        all.addAll(CARDS);
        all.addAll(IPS);
        all.addAll(SECRETS);
        assertThat(EMAILS).hasSizeGreaterThanOrEqualTo(10);
        assertThat(PHONES).hasSizeGreaterThanOrEqualTo(10);
        assertThat(CARDS).hasSizeGreaterThanOrEqualTo(6);

        SoftAssertions soft = new SoftAssertions();
        for (Planted planted : all) {
            PiiRedactor.Redacted redacted = REDACTOR.redact(planted.text());
            soft.assertThat(redacted.text()).as(planted.text()).isEqualTo(planted.expected());
            soft.assertThat(redacted.counts()).as(planted.text()).isEqualTo(Map.of(planted.kind(), 1));
        }
        soft.assertAll();
    }

    @Test
    void theReferenceTeachersContactLineLosesItsEmailAndPhone() {
        PiiRedactor.Redacted redacted = REDACTOR.redact("5+2=7\n" + CONTACT_LINE + "\n#### 7");

        assertThat(redacted.text()).isEqualTo("5+2=7\nQuestions? Write to [EMAIL] or call [PHONE].\n#### 7");
        assertThat(redacted.counts()).containsExactly(Map.entry("email", 1), Map.entry("phone", 1));
        assertThat(redacted.changed()).isTrue();
    }

    @Test
    void arabicTextAroundAnEmailIsKept() {
        String text = "مرحبًا! راسلني على ahmed.ali@example.sa وسأرد عليك قريبًا، شكرًا لك.";

        assertThat(REDACTOR.redact(text).text())
                .isEqualTo("مرحبًا! راسلني على [EMAIL] وسأرد عليك قريبًا، شكرًا لك.");
    }

    @Test
    void cardShapedNumbersThatFailLuhnStay() {
        for (String text : LUHN_INVALID) {
            assertThat(REDACTOR.redact(text).text()).isEqualTo(text);
        }
        assertThat(PiiRedactor.luhn("4111111111111111")).isTrue();
        assertThat(PiiRedactor.luhn("4111111111111112")).isFalse();
    }

    @Test
    void addressesThatAreNotIpAddressesStay() {
        for (String text : List.of("256.1.1.1", "version 1.2.3.4.5", "at 12:30:45", "ratio 1:2", "a::b", "::")) {
            assertThat(REDACTOR.redact(text).text()).isEqualTo(text);
        }
    }

    @Test
    void severalKindsInOneTextAreAllCountedInOrder() {
        PiiRedactor.Redacted redacted = REDACTOR.redact("Mail a@example.com or b@example.com, call +44 20 7946 0958,"
                + " server 10.0.0.1, token=abcdefgh12345678, Visa card 4111-1111-1111-1111.");

        assertThat(redacted.text()).isEqualTo("Mail [EMAIL] or [EMAIL], call [PHONE], server [IP], token=[SECRET],"
                + " Visa card [CARD].");
        assertThat(redacted.counts()).containsExactly(Map.entry("secret", 1), Map.entry("email", 2),
                Map.entry("card", 1), Map.entry("ip", 1), Map.entry("phone", 1));
    }

    @Test
    void arithmeticSortingAndWordProblemsComeOutUnchanged() {
        assertThat(UNCHANGED).hasSizeGreaterThanOrEqualTo(15);
        SoftAssertions soft = new SoftAssertions();
        for (String text : UNCHANGED) {
            PiiRedactor.Redacted redacted = REDACTOR.redact(text);
            soft.assertThat(redacted.text()).isEqualTo(text);
            soft.assertThat(redacted.changed()).as(text).isFalse();
        }
        soft.assertAll();
    }

    /** What the reference teacher answers: every built-in skill's prompts and worked solutions, at every difficulty. */
    @Test
    void theReferenceTeachersWorkedSolutionsComeOutUnchanged() {
        SkillSuite suite = SkillSuite.builtIn();
        List<String> changed = new ArrayList<>();
        int texts = 0;
        for (String name : suite.names()) {
            Skill skill = suite.get(name);
            for (int difficulty = 1; difficulty <= skill.maxDifficulty(); difficulty++) {
                for (long seed = 0; seed < 300; seed++) {
                    Problem problem = skill.generate(seed, difficulty);
                    for (String text : List.of(problem.prompt(), skill.solve(problem))) {
                        texts++;
                        PiiRedactor.Redacted redacted = REDACTOR.redact(text);
                        if (redacted.changed()) {
                            changed.add(name + " d" + difficulty + " seed " + seed + ": " + redacted.text());
                        }
                    }
                }
            }
        }
        assertThat(texts).isGreaterThan(20_000);
        assertThat(changed).isEmpty();
    }

    @Test
    void emptyAndPlainTextsAreNotChanged() {
        assertThat(REDACTOR.redact("").changed()).isFalse();
        assertThat(REDACTOR.redact("#### 7").counts()).isEmpty();
    }
}
