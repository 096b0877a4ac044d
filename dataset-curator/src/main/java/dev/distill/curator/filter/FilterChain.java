package dev.distill.curator.filter;

import dev.distill.curator.config.CuratorConfig;
import dev.distill.events.TeacherResponseEvent;
import io.quarkus.arc.All;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the configured filters in order; the first rejection decides. A batch is judged exactly as its responses
 * would be one after the other: each response passes the sample filters, then the stateful filters check it against
 * the stored state and against the batch's earlier accepted responses. Unknown filter names, and a sample filter
 * after a stateful one, fail startup.
 */
@ApplicationScoped
@Startup
public class FilterChain {

    private final List<SampleFilter> sampleFilters;
    private final List<StatefulFilter> statefulFilters;

    @Inject
    public FilterChain(CuratorConfig config, @All List<SampleFilter> sampleFilters,
            @All List<StatefulFilter> statefulFilters) {
        this(config.filters(), Stream.concat(sampleFilters.stream(), statefulFilters.stream()).toList());
    }

    private FilterChain(List<String> names, Collection<? extends CurationFilter> available) {
        List<CurationFilter> filters = resolve(names, available);
        List<SampleFilter> sample = new ArrayList<>();
        List<StatefulFilter> stateful = new ArrayList<>();
        for (CurationFilter filter : filters) {
            if (filter instanceof StatefulFilter s) {
                stateful.add(s);
            } else if (stateful.isEmpty()) {
                sample.add((SampleFilter) filter);
            } else {
                throw new IllegalStateException("distill.curator.filters puts '" + filter.name() + "' after '"
                        + stateful.get(0).name() + "': the filters that judge against the dataset ("
                        + names(filters, StatefulFilter.class) + ") must come last");
            }
        }
        this.sampleFilters = List.copyOf(sample);
        this.statefulFilters = List.copyOf(stateful);
    }

    public static FilterChain of(List<String> names, Collection<? extends CurationFilter> available) {
        return new FilterChain(names, available);
    }

    static List<CurationFilter> resolve(List<String> names, Collection<? extends CurationFilter> available) {
        Map<String, CurationFilter> byName = available.stream()
                .collect(Collectors.toMap(CurationFilter::name, Function.<CurationFilter>identity(), (a, b) -> {
                    throw new IllegalStateException("two filters named " + a.name());
                }, TreeMap::new));
        return names.stream().map(String::strip).filter(name -> !name.isEmpty()).map(name -> {
            CurationFilter filter = byName.get(name);
            if (filter == null) {
                throw new IllegalStateException("distill.curator.filters names unknown filter '" + name
                        + "'; known: " + byName.keySet());
            }
            return filter;
        }).toList();
    }

    /** One response; without stateful filters it needs no transaction. */
    public Verdict evaluate(TeacherResponseEvent response) {
        return evaluate(List.of(response)).get(0);
    }

    /** The verdicts of a batch, in its order; with stateful filters, in the transaction that stores the outcomes. */
    public List<Verdict> evaluate(List<TeacherResponseEvent> responses) {
        return screen(responses).judge(response -> true);
    }

    /**
     * Runs the sample filters over a batch and prepares the stateful ones: all the work that needs no database, done
     * before the transaction so that the transaction (and the locks it holds) stays short.
     */
    public Screening screen(List<TeacherResponseEvent> responses) {
        List<Progress> progress = responses.stream().map(this::runSampleFilters).toList();
        List<TeacherResponseEvent> survivors = progress.stream().filter(p -> p.rejection == null).map(p -> p.sample)
                .toList();
        return new Screening(progress, survivors.isEmpty()
                ? List.of()
                : statefulFilters.stream().map(filter -> filter.prepare(survivors)).toList());
    }

    /** A batch that passed the sample filters, waiting for the stateful ones. */
    public final class Screening {
        private final List<Progress> progress;
        private final List<StatefulFilter.Prepared> prepared;

        private Screening(List<Progress> progress, List<StatefulFilter.Prepared> prepared) {
            this.progress = progress;
            this.prepared = prepared;
        }

        /**
         * The verdicts of the screened responses that {@code include} selects (the ones this delivery claimed), in
         * order. In the transaction that stores the outcomes: the stateful filters lock and read their state here,
         * and record the accepted samples before this returns. A transaction that is retried may judge again.
         */
        public List<Verdict> judge(Predicate<TeacherResponseEvent> include) {
            List<Progress> judged = progress.stream().filter(p -> include.test(p.received)).map(Progress::copy)
                    .toList();
            if (judged.stream().anyMatch(p -> p.rejection == null)) {
                List<StatefulFilter.Batch> batches = prepared.stream().map(StatefulFilter.Prepared::open).toList();
                for (Progress p : judged) {
                    for (int i = 0; i < batches.size() && p.rejection == null; i++) {
                        p.record(statefulFilters.get(i), batches.get(i).check(p.sample));
                    }
                    if (p.rejection == null) {
                        batches.forEach(batch -> batch.accepted(p.sample));
                    }
                }
                batches.forEach(StatefulFilter.Batch::store);
            }
            return judged.stream().map(Progress::verdict).toList();
        }
    }

    private Progress runSampleFilters(TeacherResponseEvent response) {
        Progress progress = new Progress(response);
        for (SampleFilter filter : sampleFilters) {
            if (!progress.record(filter, filter.apply(progress.sample))) {
                break;
            }
        }
        return progress;
    }

    /** One response on its way through the chain. */
    private static final class Progress {
        private final TeacherResponseEvent received;
        private TeacherResponseEvent sample;
        private final List<String> passed = new ArrayList<>();
        private final Map<String, Integer> changes = new TreeMap<>();
        private Verdict rejection;

        Progress(TeacherResponseEvent response) {
            this.received = response;
            this.sample = response;
        }

        Progress copy() {
            Progress copy = new Progress(received);
            copy.sample = sample;
            copy.passed.addAll(passed);
            copy.changes.putAll(changes);
            copy.rejection = rejection;
            return copy;
        }

        /** False when the filter rejected the sample. */
        boolean record(CurationFilter filter, FilterResult result) {
            if (!result.accepted()) {
                rejection = Verdict.rejectedBy(filter.name(), result, sample, passed, changes);
                return false;
            }
            if (result.outcome() == FilterResult.Outcome.MODIFY) {
                sample = result.modified();
                result.changes().forEach((kind, n) -> changes.merge(kind, n, Integer::sum));
            }
            passed.add(filter.name());
            return true;
        }

        Verdict verdict() {
            return rejection != null ? rejection : Verdict.accept(sample, passed, changes);
        }
    }

    public List<String> names() {
        return Stream.concat(sampleFilters.stream(), statefulFilters.stream()).map(CurationFilter::name).toList();
    }

    private static String names(List<CurationFilter> filters, Class<?> kind) {
        return filters.stream().filter(kind::isInstance).map(CurationFilter::name).collect(Collectors.joining(", "));
    }
}
