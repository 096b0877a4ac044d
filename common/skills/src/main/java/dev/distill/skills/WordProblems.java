package dev.distill.skills;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Templated arithmetic word problems (buying items, giving change, sharing equally, distance = speed x time, ...)
 * in English or in Modern Standard Arabic. The language is drawn from the random generator, about half each; Arabic
 * prompts are in Arabic script with Western digits, so answers verify the same way in both languages.
 *
 * <p>Difficulties (operations, size of numbers): 1 = one operation, small numbers (mostly 3..9); 2 = two operations,
 * small numbers; 3 = two operations, larger numbers (two-digit counts and prices, results in the hundreds or
 * thousands); 4 = three operations, larger numbers; 5 = four operations, larger numbers. Every number shown next to a
 * noun is at least 3 and never ends in 01 or 02, so the Arabic counted noun takes a regular form (plural for 3..10,
 * accusative singular for 11..99, singular after whole hundreds).
 *
 * <p>Worked steps are one line an operation, in the language of the prompt, naming what is computed:
 * {@code cost of the pens = 4 × 3 = 12} / {@code ثمن الأقلام = 4 × 3 = 12}, then {@code #### 12}.
 */
public final class WordProblems implements Skill {

    private enum Lang { EN, AR }

    /** A countable noun: its English plural and the Arabic forms the templates need. */
    private record Noun(String en, String ar, String arPlural, String arAccusative, String arDefinitePlural,
                        String arEach) {

        /** The Arabic noun after a number written in digits: plural for 3..10, accusative singular for 11..99. */
        String arCounted(long n) {
            long rest = n % 100;
            if (n < 3 || rest == 1 || rest == 2) {
                throw new IllegalArgumentException("no regular Arabic counted form after " + n);
            }
            return rest == 0 ? ar : rest <= 10 ? arPlural : arAccusative;
        }

        boolean hasForm(Lang lang, String text) {
            return lang == Lang.EN ? en.equals(text)
                    : List.of(ar, arPlural, arAccusative, arDefinitePlural, arEach).contains(text);
        }
    }

    private static final Noun[] ITEMS = {
        new Noun("pens", "قلم", "أقلام", "قلمًا", "الأقلام", "القلم الواحد"),
        new Noun("notebooks", "دفتر", "دفاتر", "دفترًا", "الدفاتر", "الدفتر الواحد"),
        new Noun("books", "كتاب", "كتب", "كتابًا", "الكتب", "الكتاب الواحد"),
        new Noun("balls", "كرة", "كرات", "كرةً", "الكرات", "الكرة الواحدة"),
        new Noun("cups", "كوب", "أكواب", "كوبًا", "الأكواب", "الكوب الواحد"),
        new Noun("cards", "بطاقة", "بطاقات", "بطاقةً", "البطاقات", "البطاقة الواحدة"),
        new Noun("toys", "لعبة", "ألعاب", "لعبةً", "الألعاب", "اللعبة الواحدة"),
        new Noun("shirts", "قميص", "قمصان", "قميصًا", "القمصان", "القميص الواحد"),
    };

    private static final Map<String, Noun> UNITS = Map.of(
            "dollar", new Noun("dollars", "دولار", "دولارات", "دولارًا", "الدولارات", "الدولار الواحد"),
            "friend", new Noun("friends", "صديق", "أصدقاء", "صديقًا", "الأصدقاء", "الصديق الواحد"),
            "hour", new Noun("hours", "ساعة", "ساعات", "ساعةً", "الساعات", "الساعة الواحدة"),
            "km", new Noun("km", "كيلومتر", "كيلومترات", "كيلومترًا", "الكيلومترات", "الكيلومتر الواحد"),
            "box", new Noun("boxes", "علبة", "علب", "علبةً", "العلب", "العلبة الواحدة"),
            "bag", new Noun("bags", "كيس", "أكياس", "كيسًا", "الأكياس", "الكيس الواحد"));

    private static final String[] EN_NAMES = {"Sam", "Omar", "Adam", "Ali", "Noah", "Yusuf", "Karim", "Leo", "Tom",
        "Zaid"};
    /** Male names only: the Arabic verbs of the templates are in the masculine. */
    private static final String[] AR_NAMES = {"سامي", "عمر", "خالد", "يوسف", "كريم", "أحمد", "علي", "زياد", "مازن",
        "طارق"};

    /** Operations per difficulty; difficulty 3 and up use larger numbers. */
    private static final int[] OPERATIONS = {1, 2, 2, 3, 4};

    /**
     * Placeholders of the templates: {@code {name}}, {@code {x}} (a bare number), {@code {x:noun}} (a number and
     * its counted noun), and {@code {pl:noun}} / {@code {acc:noun}} / {@code {each:noun}} (the definite plural, the
     * accusative singular after كم, the "each" phrase; in English all three are the plural). Nouns are
     * {@code item1}, {@code item2} (drawn per problem) or a unit of {@link #UNITS}.
     */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z0-9]+)(?::([a-z0-9]+))?}");
    private static final List<String> NOUN_FORMS = List.of("pl", "acc", "each");

    private enum Kind {
        BUY(1, "{name} buys {a:item1} at {p:dollar} each. How many dollars does {name} pay?",
                "اشترى {name} {a:item1}، سعر {each:item1} {p:dollar}. كم دولارًا دفع {name}؟") {
            @Override
            Map<String, Long> draw(SplittableRandom r, boolean large) {
                return vars("a", count(r, large), "p", price(r, large));
            }

            @Override
            long work(Work w) {
                return w.step("cost of the {pl:item1}", "ثمن {pl:item1}", w.v("a"), '×', w.v("p"));
            }
        },
        SHARE(1, "{name} shares {n:item1} equally among {k:friend}. How many {pl:item1} does each friend get?",
                "وزّع {name} {n:item1} بالتساوي على {k:friend}. كم {acc:item1} يأخذ كل صديق؟") {
            @Override
            Map<String, Long> draw(SplittableRandom r, boolean large) {
                long k = friends(r, large);
                return vars("n", k * perFriend(r, large), "k", k);
            }

            @Override
            long work(Work w) {
                return w.step("each friend", "نصيب كل صديق", w.v("n"), '÷', w.v("k"));
            }
        },
        TRAVEL(1, "{name} travels at {s:km} per hour for {t:hour}. How many km does {name} travel?",
                "يسير {name} بسرعة {s:km} في الساعة لمدة {t:hour}. كم كيلومترًا يقطع {name}؟") {
            @Override
            Map<String, Long> draw(SplittableRandom r, boolean large) {
                return vars("s", speed(r, large), "t", hours(r, large));
            }

            @Override
            long work(Work w) {
                return w.step("distance", "المسافة", w.v("s"), '×', w.v("t"));
            }
        },
        GAIN(1, "{name} has {a:item1} and buys {b} more. How many {pl:item1} does {name} have now?",
                "لدى {name} {a:item1}، ثم اشترى {b:item1}. كم {acc:item1} لدى {name} الآن؟") {
            @Override
            Map<String, Long> draw(SplittableRandom r, boolean large) {
                return vars("a", start(r, large), "b", change(r, large));
            }

            @Override
            long work(Work w) {
                return w.step("{pl:item1} now", "عدد {pl:item1} الآن", w.v("a"), '+', w.v("b"));
            }
        },
        GIVE(1, "{name} has {a:item1} and gives {b} of them to a friend. How many {pl:item1} does {name} have left?",
                "لدى {name} {a:item1}، وأعطى صديقه {b:item1}. كم {acc:item1} بقي لدى {name}؟") {
            @Override
            Map<String, Long> draw(SplittableRandom r, boolean large) {
                long a = start(r, large);
                long b = change(r, large);
                return b < a ? vars("a", a, "b", b) : null;
            }

            @Override
            long work(Work w) {
                return w.step("{pl:item1} left", "{pl:item1} الباقية", w.v("a"), '-', w.v("b"));
            }
        },
        BUY_CHANGE(2, "{name} has {m:dollar} and buys {a:item1} at {p:dollar} each. How many dollars does {name} have"
                + " left?",
                "لدى {name} {m:dollar}، واشترى {a:item1}، سعر {each:item1} {p:dollar}. كم دولارًا بقي لدى {name}؟") {
            @Override
            Map<String, Long> draw(SplittableRandom r, boolean large) {
                long a = count(r, large);
                long p = price(r, large);
                return vars("m", money(r, large, a * p), "a", a, "p", p);
            }

            @Override
            long work(Work w) {
                long cost = w.step("cost of the {pl:item1}", "ثمن {pl:item1}", w.v("a"), '×', w.v("p"));
                return w.step("dollars left", "المال الباقي", w.v("m"), '-', cost);
            }
        },
        BOXES_SHARE(2, "{name} buys {b:box} with {c:item1} in each box and shares all the {pl:item1} equally among"
                + " {k:friend}. How many {pl:item1} does each friend get?",
                "اشترى {name} {b:box}، في كل علبة {c:item1}، ثم وزّع {pl:item1} كلها بالتساوي على {k:friend}."
                        + " كم {acc:item1} يأخذ كل صديق؟") {
            @Override
            Map<String, Long> draw(SplittableRandom r, boolean large) {
                long b = boxes(r, large);
                long c = perBox(r, large);
                long k = divisor(r, large, b * c);
                return k == 0 ? null : vars("b", b, "c", c, "k", k);
            }

            @Override
            long work(Work w) {
                long all = w.step("all the {pl:item1}", "مجموع {pl:item1}", w.v("b"), '×', w.v("c"));
                return w.step("each friend", "نصيب كل صديق", all, '÷', w.v("k"));
            }
        },
        GAIN_GIVE(2, "{name} has {a:item1}, buys {b} more and then gives {c} to a friend. How many {pl:item1} does"
                + " {name} have now?",
                "لدى {name} {a:item1}، ثم اشترى {b:item1}، وأعطى صديقه {c:item1}. كم {acc:item1} بقي لدى {name}؟") {
            @Override
            Map<String, Long> draw(SplittableRandom r, boolean large) {
                long a = start(r, large);
                long b = change(r, large);
                long c = change(r, large);
                return c < a + b ? vars("a", a, "b", b, "c", c) : null;
            }

            @Override
            long work(Work w) {
                long after = w.step("{pl:item1} after buying", "عدد {pl:item1} بعد الشراء", w.v("a"), '+', w.v("b"));
                return w.step("{pl:item1} now", "{pl:item1} الباقية", after, '-', w.v("c"));
            }
        },
        TRAVEL_REST(2, "A trip is {d:km} long. {name} travels at {s:km} per hour for {t:hour}. How many km of the"
                + " trip are left?",
                "طول الرحلة {d:km}. يسير {name} بسرعة {s:km} في الساعة لمدة {t:hour}. كم كيلومترًا بقي من الرحلة؟") {
            @Override
            Map<String, Long> draw(SplittableRandom r, boolean large) {
                long s = speed(r, large);
                long t = hours(r, large);
                return vars("d", trip(r, large, s * t), "s", s, "t", t);
            }

            @Override
            long work(Work w) {
                long done = w.step("distance travelled", "المسافة المقطوعة", w.v("s"), '×', w.v("t"));
                return w.step("distance left", "المسافة الباقية", w.v("d"), '-', done);
            }
        },
        BUY_TWO(3, "{name} buys {a:item1} at {p:dollar} each and {b:item2} at {q:dollar} each. How many dollars does"
                + " {name} pay in total?",
                "اشترى {name} {a:item1}، سعر {each:item1} {p:dollar}، واشترى أيضًا {b:item2}، سعر {each:item2}"
                        + " {q:dollar}. كم دولارًا دفع {name} في المجموع؟") {
            @Override
            Map<String, Long> draw(SplittableRandom r, boolean large) {
                return vars("a", count(r, large), "p", price(r, large), "b", count(r, large), "q", price(r, large));
            }

            @Override
            long work(Work w) {
                long first = w.step("cost of the {pl:item1}", "ثمن {pl:item1}", w.v("a"), '×', w.v("p"));
                long second = w.step("cost of the {pl:item2}", "ثمن {pl:item2}", w.v("b"), '×', w.v("q"));
                return w.step("total cost", "الثمن الكلي", first, '+', second);
            }
        },
        TRAVEL_TWO(3, "{name} travels at {s1:km} per hour for {t1:hour}, then at {s2:km} per hour for {t2:hour}. How"
                + " many km does {name} travel in total?",
                "يسير {name} بسرعة {s1:km} في الساعة لمدة {t1:hour}، ثم بسرعة {s2:km} في الساعة لمدة {t2:hour}."
                        + " كم كيلومترًا يقطع {name} في المجموع؟") {
            @Override
            Map<String, Long> draw(SplittableRandom r, boolean large) {
                return vars("s1", speed(r, large), "t1", hours(r, large), "s2", speed(r, large), "t2",
                        hours(r, large));
            }

            @Override
            long work(Work w) {
                long first = w.step("first part", "المسافة الأولى", w.v("s1"), '×', w.v("t1"));
                long second = w.step("second part", "المسافة الثانية", w.v("s2"), '×', w.v("t2"));
                return w.step("total distance", "المسافة الكلية", first, '+', second);
            }
        },
        BOXES_KEEP_SHARE(3, "{name} buys {b:box} with {c:item1} in each box, keeps {g:item1} and shares the rest"
                + " equally among {k:friend}. How many {pl:item1} does each friend get?",
                "اشترى {name} {b:box}، في كل علبة {c:item1}، ثم أبقى لنفسه {g:item1} ووزّع الباقي بالتساوي على"
                        + " {k:friend}. كم {acc:item1} يأخذ كل صديق؟") {
            @Override
            Map<String, Long> draw(SplittableRandom r, boolean large) {
                long b = boxes(r, large);
                long c = perBox(r, large);
                long k = friends(r, large);
                long all = b * c;
                long spare = all % k;
                long least = Math.max(0, (3 - spare + k - 1) / k);
                long most = (all / 2 - spare) / k;
                if (most < least) {
                    return null;
                }
                long g = spare + k * r.nextLong(least, most + 1);
                return vars("b", b, "c", c, "g", g, "k", k);
            }

            @Override
            long work(Work w) {
                long all = w.step("all the {pl:item1}", "مجموع {pl:item1}", w.v("b"), '×', w.v("c"));
                long rest = w.step("{pl:item1} to share", "الباقي للتوزيع", all, '-', w.v("g"));
                return w.step("each friend", "نصيب كل صديق", rest, '÷', w.v("k"));
            }
        },
        BUY_TWO_CHANGE(4, "{name} has {m:dollar}. {name} buys {a:item1} at {p:dollar} each and {b:item2} at"
                + " {q:dollar} each. How many dollars does {name} have left?",
                "لدى {name} {m:dollar}. اشترى {a:item1}، سعر {each:item1} {p:dollar}، واشترى أيضًا {b:item2}، سعر"
                        + " {each:item2} {q:dollar}. كم دولارًا بقي لدى {name}؟") {
            @Override
            Map<String, Long> draw(SplittableRandom r, boolean large) {
                long a = count(r, large);
                long p = price(r, large);
                long b = count(r, large);
                long q = price(r, large);
                return vars("m", money(r, large, a * p + b * q), "a", a, "p", p, "b", b, "q", q);
            }

            @Override
            long work(Work w) {
                long first = w.step("cost of the {pl:item1}", "ثمن {pl:item1}", w.v("a"), '×', w.v("p"));
                long second = w.step("cost of the {pl:item2}", "ثمن {pl:item2}", w.v("b"), '×', w.v("q"));
                long total = w.step("total cost", "الثمن الكلي", first, '+', second);
                return w.step("dollars left", "المال الباقي", w.v("m"), '-', total);
            }
        },
        TRAVEL_TWO_REST(4, "A trip is {d:km} long. {name} travels at {s1:km} per hour for {t1:hour}, then at {s2:km}"
                + " per hour for {t2:hour}. How many km of the trip are left?",
                "طول الرحلة {d:km}. يسير {name} بسرعة {s1:km} في الساعة لمدة {t1:hour}، ثم بسرعة {s2:km} في الساعة"
                        + " لمدة {t2:hour}. كم كيلومترًا بقي من الرحلة؟") {
            @Override
            Map<String, Long> draw(SplittableRandom r, boolean large) {
                long s1 = speed(r, large);
                long t1 = hours(r, large);
                long s2 = speed(r, large);
                long t2 = hours(r, large);
                return vars("d", trip(r, large, s1 * t1 + s2 * t2), "s1", s1, "t1", t1, "s2", s2, "t2", t2);
            }

            @Override
            long work(Work w) {
                long first = w.step("first part", "المسافة الأولى", w.v("s1"), '×', w.v("t1"));
                long second = w.step("second part", "المسافة الثانية", w.v("s2"), '×', w.v("t2"));
                long done = w.step("distance travelled", "المسافة المقطوعة", first, '+', second);
                return w.step("distance left", "المسافة الباقية", w.v("d"), '-', done);
            }
        },
        BOXES_BAGS_SHARE(4, "{name} buys {b1:box} with {c1:item1} in each box and {b2:bag} with {c2:item1} in each"
                + " bag, then shares all the {pl:item1} equally among {k:friend}. How many {pl:item1} does each"
                + " friend get?",
                "اشترى {name} {b1:box}، في كل علبة {c1:item1}، واشترى أيضًا {b2:bag}، في كل كيس {c2:item1}، ثم وزّع"
                        + " {pl:item1} كلها بالتساوي على {k:friend}. كم {acc:item1} يأخذ كل صديق؟") {
            @Override
            Map<String, Long> draw(SplittableRandom r, boolean large) {
                long b1 = boxes(r, large);
                long c1 = perBox(r, large);
                long b2 = boxes(r, large);
                long c2 = perBox(r, large);
                long k = divisor(r, large, b1 * c1 + b2 * c2);
                return k == 0 ? null : vars("b1", b1, "c1", c1, "b2", b2, "c2", c2, "k", k);
            }

            @Override
            long work(Work w) {
                long inBoxes = w.step("{pl:item1} in the boxes", "{pl:item1} في العلب", w.v("b1"), '×', w.v("c1"));
                long inBags = w.step("{pl:item1} in the bags", "{pl:item1} في الأكياس", w.v("b2"), '×', w.v("c2"));
                long all = w.step("all the {pl:item1}", "مجموع {pl:item1}", inBoxes, '+', inBags);
                return w.step("each friend", "نصيب كل صديق", all, '÷', w.v("k"));
            }
        };

        final int operations;
        final String en;
        final String ar;

        Kind(int operations, String en, String ar) {
            this.operations = operations;
            this.en = en;
            this.ar = ar;
        }

        String format(Lang lang) {
            return lang == Lang.EN ? en : ar;
        }

        /** The numbers of a problem of this kind, or null when the draw does not fit and must be made again. */
        abstract Map<String, Long> draw(SplittableRandom r, boolean large);

        /** Writes the worked steps and returns the answer. */
        abstract long work(Work w);
    }

    /** One problem's language, name, items and numbers: enough to write its prompt and its steps. */
    private record Context(Lang lang, String name, Noun item1, Noun item2, Map<String, Long> vars) {

        long value(String var) {
            Long value = vars.get(var);
            if (value == null) {
                throw new IllegalStateException("no number '" + var + "'");
            }
            return value;
        }

        Noun noun(String key) {
            return switch (key) {
                case "item1" -> item1;
                case "item2" -> item2;
                default -> UNITS.get(key);
            };
        }
    }

    /** Collects the worked steps, one line an operation. */
    private static final class Work {
        private final Context context;
        private final StringBuilder lines = new StringBuilder();

        Work(Context context) {
            this.context = context;
        }

        long v(String var) {
            return context.value(var);
        }

        long step(String enLabel, String arLabel, long x, char op, long y) {
            long result = switch (op) {
                case '+' -> x + y;
                case '-' -> x - y;
                case '×' -> x * y;
                case '÷' -> {
                    if (y == 0 || x % y != 0) {
                        throw new IllegalArgumentException(x + " is not divisible by " + y);
                    }
                    yield x / y;
                }
                default -> throw new IllegalArgumentException("unknown operation " + op);
            };
            lines.append(render(context.lang() == Lang.EN ? enLabel : arLabel, context)).append(" = ")
                    .append(x).append(' ').append(op).append(' ').append(y).append(" = ").append(result).append('\n');
            return result;
        }
    }

    private static final Map<Kind, Map<Lang, Pattern>> PATTERNS = new EnumMap<>(Kind.class);

    static {
        for (Kind kind : Kind.values()) {
            Map<Lang, Pattern> patterns = new EnumMap<>(Lang.class);
            for (Lang lang : Lang.values()) {
                patterns.put(lang, regex(kind.format(lang)));
            }
            PATTERNS.put(kind, patterns);
        }
    }

    @Override
    public String name() {
        return "word-problems";
    }

    @Override
    public int maxDifficulty() {
        return 5;
    }

    @Override
    public Problem generate(long seed, int difficulty) {
        checkDifficulty(difficulty);
        SplittableRandom random = new SplittableRandom(seed);
        Lang lang = random.nextBoolean() ? Lang.EN : Lang.AR;
        List<Kind> kinds = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            if (kind.operations == OPERATIONS[difficulty - 1]) {
                kinds.add(kind);
            }
        }
        Kind kind = kinds.get(random.nextInt(kinds.size()));
        String[] names = lang == Lang.EN ? EN_NAMES : AR_NAMES;
        String name = names[random.nextInt(names.length)];
        int first = random.nextInt(ITEMS.length);
        int second = (first + 1 + random.nextInt(ITEMS.length - 1)) % ITEMS.length;
        boolean large = difficulty >= 3;
        Map<String, Long> vars;
        do {
            vars = kind.draw(random, large);
        } while (vars == null || !vars.values().stream().allMatch(WordProblems::countable));
        Context context = new Context(lang, name, ITEMS[first], ITEMS[second], vars);
        long answer = kind.work(new Work(context));
        return new Problem(name(), seed, difficulty, render(kind.format(lang), context), Long.toString(answer));
    }

    @Override
    public String solve(Problem problem) {
        Lang lang = problem.prompt().chars().anyMatch(WordProblems::isArabicLetter) ? Lang.AR : Lang.EN;
        for (Kind kind : Kind.values()) {
            Optional<Context> context = parse(kind, lang, problem.prompt());
            if (context.isPresent()) {
                Work work = new Work(context.get());
                long answer = kind.work(work);
                return work.lines.append(FinalAnswer.line(Long.toString(answer))).toString();
            }
        }
        throw new IllegalArgumentException("not a word problem of this skill: " + problem.prompt());
    }

    /** Reads a prompt back with one template; the reading counts only if it renders to the very same prompt. */
    private static Optional<Context> parse(Kind kind, Lang lang, String prompt) {
        String format = kind.format(lang);
        Matcher match = PATTERNS.get(kind).get(lang).matcher(prompt);
        if (!match.matches()) {
            return Optional.empty();
        }
        String name = null;
        Noun[] items = new Noun[2];
        Map<String, Long> vars = new LinkedHashMap<>();
        Matcher placeholder = PLACEHOLDER.matcher(format);
        int group = 1;
        try {
            while (placeholder.find()) {
                String head = placeholder.group(1);
                String noun = placeholder.group(2);
                String nounText = null;
                if (noun == null && head.equals("name")) {
                    name = name == null ? match.group(group) : name;
                    group++;
                } else if (noun == null) {
                    vars.put(head, Long.parseLong(match.group(group++)));
                } else if (NOUN_FORMS.contains(head)) {
                    nounText = match.group(group++);
                } else {
                    vars.put(head, Long.parseLong(match.group(group++)));
                    nounText = match.group(group++);
                }
                if (nounText != null && noun.startsWith("item")) {
                    int slot = noun.equals("item1") ? 0 : 1;
                    if (items[slot] == null) {
                        items[slot] = findItem(lang, nounText);
                    }
                }
            }
            if (name == null || (format.contains("item1") && items[0] == null)
                    || (format.contains("item2") && items[1] == null)) {
                return Optional.empty();
            }
            Context context = new Context(lang, name, items[0], items[1], vars);
            return render(format, context).equals(prompt) ? Optional.of(context) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Noun findItem(Lang lang, String text) {
        for (Noun item : ITEMS) {
            if (item.hasForm(lang, text)) {
                return item;
            }
        }
        return null;
    }

    private static String render(String format, Context context) {
        Matcher placeholder = PLACEHOLDER.matcher(format);
        StringBuilder text = new StringBuilder();
        while (placeholder.find()) {
            placeholder.appendReplacement(text,
                    Matcher.quoteReplacement(expand(placeholder.group(1), placeholder.group(2), context)));
        }
        placeholder.appendTail(text);
        return text.toString();
    }

    private static String expand(String head, String key, Context context) {
        boolean english = context.lang() == Lang.EN;
        if (key == null) {
            return head.equals("name") ? context.name() : Long.toString(context.value(head));
        }
        Noun noun = context.noun(key);
        return switch (head) {
            case "pl" -> english ? noun.en() : noun.arDefinitePlural();
            case "acc" -> english ? noun.en() : noun.arAccusative();
            case "each" -> english ? noun.en() : noun.arEach();
            default -> {
                long n = context.value(head);
                yield n + " " + (english ? noun.en() : noun.arCounted(n));
            }
        };
    }

    private static Pattern regex(String format) {
        Matcher placeholder = PLACEHOLDER.matcher(format);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (placeholder.find()) {
            regex.append(Pattern.quote(format.substring(last, placeholder.start())));
            String head = placeholder.group(1);
            if (placeholder.group(2) == null) {
                regex.append(head.equals("name") ? "(.+?)" : "(\\d+)");
            } else {
                regex.append(NOUN_FORMS.contains(head) ? "(.+?)" : "(\\d+) (.+?)");
            }
            last = placeholder.end();
        }
        return Pattern.compile(regex.append(Pattern.quote(format.substring(last))).toString());
    }

    static boolean isArabicLetter(int c) {
        return c >= 0x0621 && c <= 0x064A;
    }

    /** At least 3 and not ending in 01 or 02: the Arabic counted noun after it has a regular form. */
    private static boolean countable(long n) {
        return n >= 3 && n % 100 != 1 && n % 100 != 2;
    }

    private static Map<String, Long> vars(Object... namesAndValues) {
        Map<String, Long> vars = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            vars.put((String) namesAndValues[i], (Long) namesAndValues[i + 1]);
        }
        return vars;
    }

    private static long between(SplittableRandom r, long low, long high) {
        return r.nextLong(low, high + 1);
    }

    private static long count(SplittableRandom r, boolean large) {
        return large ? between(r, 10, 40) : between(r, 3, 9);
    }

    private static long price(SplittableRandom r, boolean large) {
        return large ? between(r, 10, 60) : between(r, 3, 9);
    }

    private static long speed(SplittableRandom r, boolean large) {
        return large ? between(r, 20, 90) : between(r, 3, 9);
    }

    private static long hours(SplittableRandom r, boolean large) {
        return large ? between(r, 3, 9) : between(r, 3, 5);
    }

    private static long friends(SplittableRandom r, boolean large) {
        return large ? between(r, 3, 12) : between(r, 3, 6);
    }

    private static long perFriend(SplittableRandom r, boolean large) {
        return large ? between(r, 10, 40) : between(r, 3, 9);
    }

    private static long boxes(SplittableRandom r, boolean large) {
        return large ? between(r, 3, 15) : between(r, 3, 6);
    }

    private static long perBox(SplittableRandom r, boolean large) {
        return large ? between(r, 6, 24) : between(r, 3, 9);
    }

    private static long start(SplittableRandom r, boolean large) {
        return large ? between(r, 50, 500) : between(r, 10, 30);
    }

    private static long change(SplittableRandom r, boolean large) {
        return large ? between(r, 10, 99) : between(r, 3, 9);
    }

    /** A round sum of money above the cost, so that some is left. */
    private static long money(SplittableRandom r, boolean large, long cost) {
        long unit = large ? 100 : 10;
        return roundUp(cost + 1, unit) + unit * r.nextInt(4);
    }

    /** A round trip length above the distance travelled, so that some is left. */
    private static long trip(SplittableRandom r, boolean large, long travelled) {
        long unit = large ? 50 : 10;
        return roundUp(travelled + 1, unit) + unit * r.nextInt(5);
    }

    private static long roundUp(long n, long unit) {
        return (n + unit - 1) / unit * unit;
    }

    /** A number of friends that divides total exactly, or 0 when none in range does. */
    private static long divisor(SplittableRandom r, boolean large, long total) {
        List<Long> divisors = new ArrayList<>();
        for (long k = 3; k <= (large ? 12 : 6); k++) {
            if (total % k == 0) {
                divisors.add(k);
            }
        }
        return divisors.isEmpty() ? 0 : divisors.get(r.nextInt(divisors.size()));
    }
}
