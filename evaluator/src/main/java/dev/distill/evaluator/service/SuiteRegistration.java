package dev.distill.evaluator.service;

import dev.distill.evaluator.config.EvaluatorConfig;
import dev.distill.evaluator.domain.CustomSuite;
import dev.distill.evaluator.domain.TeacherBaseline;
import dev.distill.evaluator.messaging.SuitePromptPublisher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Registers and deletes custom suites. A suite is stored only when every line of its file is valid, and its prompts
 * are on {@code distill.suite-prompts} before registration returns (should publishing fail, the suite is removed
 * again, so that no checkpoint is scored on prompts the curator does not know). Deleting withdraws the prompts and
 * forgets the suite's teacher baselines; its benchmark results stay.
 */
@ApplicationScoped
public class SuiteRegistration {

    private static final Logger LOG = Logger.getLogger(SuiteRegistration.class);
    /** A suite name is part of ids and topic keys: letters, digits, dot, dash and underscore. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** The suite cannot be registered or deleted as asked (a name in use, the built-in suite). */
    public static class ConflictException extends RuntimeException {
        public ConflictException(String message) {
            super(message);
        }
    }

    private final Suites suites;
    private final SuitePromptPublisher publisher;
    private final SuiteFileParser parser;

    public SuiteRegistration(Suites suites, SuitePromptPublisher publisher, EvaluatorConfig config) {
        this.suites = suites;
        this.publisher = publisher;
        this.parser = new SuiteFileParser(config.suites().maxLineChars(), config.suites().maxPrompts());
    }

    public EvalSuite register(String name, String jsonl) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidSuiteException("a suite name is 1 to 64 letters, digits, '.', '-' or '_', starting with"
                    + " a letter or digit", List.of());
        }
        if (suites.builtin().name().equals(name)) {
            throw new ConflictException("'" + name + "' is the built-in suite");
        }
        List<EvalSuite.Item> items = parser.parse(jsonl);
        Instant now = Instant.now();
        boolean stored = QuarkusTransaction.requiringNew().call(() -> suites.store(name, items, now));
        if (!stored) {
            throw new ConflictException("a suite named '" + name + "' exists; delete it first");
        }
        EvalSuite suite = new EvalSuite(name, EvalSuite.CUSTOM, now, items);
        try {
            publisher.publish(suite);
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> CustomSuite.deleteById(name));
            throw new IllegalStateException("suite " + name + " was not registered: publishing its prompts failed: "
                    + e.getMessage(), e);
        }
        LOG.infof("registered suite %s: %d prompts, skills %s", name, items.size(), suite.skills());
        return suite;
    }

    /** The deleted suite, or empty when there is no custom suite of that name. */
    public Optional<EvalSuite> delete(String name) {
        if (suites.builtin().name().equals(name)) {
            throw new ConflictException("the built-in suite cannot be deleted");
        }
        Optional<EvalSuite> suite = suites.find(name);
        if (suite.isEmpty()) {
            return suite;
        }
        // withdrawn first: a suite still stored is republished at the next start, so a failure here loses nothing
        publisher.withdraw(suite.get());
        QuarkusTransaction.requiringNew().run(() -> {
            CustomSuite.deleteById(name);
            TeacherBaseline.deleteOfSuite(name);
        });
        LOG.infof("deleted suite %s", name);
        return suite;
    }
}
